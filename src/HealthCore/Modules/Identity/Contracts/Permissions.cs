using System.Collections.Frozen;
using System.Text;

namespace HealthCore.Modules.Identity.Contracts;

/// <summary>
/// Every permission an endpoint can require, and the one role-to-permission table. docs/permissions.md is rendered
/// from <see cref="Render"/>; a test fails when it is out of date.
/// </summary>
internal static class Permissions
{
    public const string PatientsRead = "patients.read";
    public const string PatientsWrite = "patients.write";
    public const string PatientsIdentifiersRead = "patients.identifiers.read";
    public const string PatientsMerge = "patients.merge";
    public const string PractitionersRead = "practitioners.read";
    public const string PractitionersWrite = "practitioners.write";
    public const string DepartmentsWrite = "departments.write";
    public const string AppointmentsRead = "appointments.read";
    public const string AppointmentsBook = "appointments.book";
    public const string AppointmentsOverbook = "appointments.overbook";
    public const string AppointmentsCheckIn = "appointments.checkin";
    public const string AppointmentsComplete = "appointments.complete";
    public const string AppointmentsCompleteAny = "appointments.complete.any";
    public const string AppointmentsCompleteModality = "appointments.complete.modality";
    public const string SchedulesWrite = "schedules.write";
    public const string AdmissionsRead = "admissions.read";
    public const string AdmissionsWrite = "admissions.write";
    public const string BedsWrite = "beds.write";
    public const string BedsHousekeeping = "beds.housekeeping";
    public const string EncountersRead = "encounters.read";
    public const string EncountersWrite = "encounters.write";
    public const string EncountersCheckIn = "encounters.checkin";
    public const string EncountersClose = "encounters.close";
    public const string ClinicalRead = "clinical.read";
    public const string ClinicalWrite = "clinical.write";
    public const string DiagnosesWrite = "diagnoses.write";
    public const string NotesWrite = "notes.write";
    public const string NotesWriteMedical = "notes.write.medical";
    public const string NotesWriteNursing = "notes.write.nursing";
    public const string NotesSign = "notes.sign";
    public const string VitalsWrite = "vitals.write";
    public const string AssessmentsWrite = "assessments.write";
    public const string OrdersRead = "orders.read";
    public const string OrdersWrite = "orders.write";
    public const string OrdersPerform = "orders.perform";
    public const string LabSpecimensWrite = "lab.specimens.write";
    public const string LabResultsRead = "lab.results.read";
    public const string LabResultsWrite = "lab.results.write";
    public const string LabResultsVerify = "lab.results.verify";
    public const string LabCriticalAcknowledge = "lab.critical.acknowledge";
    public const string LabCatalogWrite = "lab.catalog.write";
    public const string ImagingReportsWrite = "imaging.reports.write";
    public const string PharmacyDispense = "pharmacy.dispense";
    public const string PharmacyStockWrite = "pharmacy.stock.write";
    public const string BillingRead = "billing.read";
    public const string BillingWrite = "billing.write";
    public const string ReportsRead = "reports.read";
    public const string UsersRead = "users.read";
    public const string UsersWrite = "users.write";
    public const string FacilitiesRead = "facilities.read";
    public const string FacilitiesWrite = "facilities.write";
    public const string TenantsManage = "tenants.manage";
    public const string AuditRead = "audit.read";
    public const string ConfigRead = "config.read";
    public const string ConfigWrite = "config.write";
    public const string NotificationsRead = "notifications.read";
    public const string NotificationsSend = "notifications.send";

    /// <summary>Each permission with what it allows, in the order the documentation lists them.</summary>
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        (PatientsRead, "Search and read patient demographics"),
        (PatientsWrite, "Register and deactivate patients and edit their demographics"),
        (PatientsIdentifiersRead, "See national identifiers (SSN, passport numbers) unmasked"),
        (PatientsMerge, "Merge duplicate patient records"),
        (PractitionersRead, "Read practitioners, departments and department rules"),
        (PractitionersWrite, "Add and update practitioners, their licences and department memberships"),
        (DepartmentsWrite, "Create and update departments and set department rules"),
        (AppointmentsRead, "Read schedules and appointments"),
        (AppointmentsBook, "Book, reschedule and cancel appointments"),
        (AppointmentsOverbook, "Book beyond a slot's capacity"),
        (AppointmentsCheckIn, "Check patients in for their appointments"),
        (AppointmentsComplete, "Start and complete the appointments of the practitioner linked to one's own user account (the consultation or procedure itself)"),
        (AppointmentsCompleteAny, "Start and complete any appointment, including modality appointments and other practitioners' (with appointments.complete)"),
        (AppointmentsCompleteModality, "Start and complete modality appointments such as MRI and CT exams (with appointments.complete)"),
        (SchedulesWrite, "Define practitioners' schedules and slots"),
        (AdmissionsRead, "Read admissions, transfers and bed occupancy"),
        (AdmissionsWrite, "Admit, transfer and discharge patients"),
        (BedsWrite, "Manage wards and beds"),
        (BedsHousekeeping, "Mark beds clean after a patient leaves (housekeeping)"),
        (EncountersRead, "See encounters' status, class, place, practitioners and times; their clinical content (type, reason) needs clinical.read"),
        (EncountersWrite, "Open encounters and move them through triage and consultation, cancel them or mark them entered in error"),
        (EncountersCheckIn, "Record a patient's arrival for a planned encounter"),
        (EncountersClose, "Close an encounter against its department's close requirements, or override them with a reason where the department allows it"),
        (ClinicalRead, "Read encounters, notes, diagnoses, allergies, vitals and assessments, and the clinical fields of patient records"),
        (ClinicalWrite, "Record encounters, notes, diagnoses, allergies and vitals, and edit the clinical fields of patient records"),
        (DiagnosesWrite, "Record an encounter's diagnoses, change their rank and statuses, and enter them in error"),
        (NotesWrite, "Write clinical notes, edit one's own drafts and amend signed notes, of the types notes.write.medical and notes.write.nursing allow"),
        (NotesWriteMedical, "Write notes of every type but nursing notes (history and examination, progress, discharge summary, procedure, referral letter)"),
        (NotesWriteNursing, "Write nursing notes"),
        (NotesSign, "Sign one's own draft notes and countersign notes signed by others"),
        (VitalsWrite, "Record vital signs sets, correct them and mark them entered in error"),
        (AssessmentsWrite, "Record structured assessments (admission nursing, radiology pre-procedure), correct them and mark them entered in error"),
        (OrdersRead, "Read clinical orders"),
        (OrdersWrite, "Place and cancel clinical orders (lab, imaging, medication)"),
        (OrdersPerform, "Start and complete the items of placed orders as their performer (a test, an exam, a procedure)"),
        (LabSpecimensWrite, "Collect specimens (assigning accession numbers), receive them in the laboratory and reject them for recollection"),
        (LabResultsRead, "Read laboratory results, the laboratory worklist, open critical values and turnaround times"),
        (LabResultsWrite, "Enter laboratory results (preliminary until a second person verifies them)"),
        (LabResultsVerify, "Verify and release laboratory results entered by someone else, and correct released results"),
        (LabCriticalAcknowledge, "Acknowledge a critical laboratory result with read-back, as the ordering clinician or the one on call"),
        (LabCatalogWrite, "Define the laboratory test catalogue: tests, panels, reference and critical ranges, import a catalogue file, deactivate tests"),
        (ImagingReportsWrite, "Write and sign imaging reports"),
        (PharmacyDispense, "Dispense medication against orders"),
        (PharmacyStockWrite, "Receive and adjust pharmacy stock"),
        (BillingRead, "Read invoices, payments and claims"),
        (BillingWrite, "Create invoices, record payments and submit claims"),
        (ReportsRead, "Run operational reports"),
        (UsersRead, "List the tenant's users"),
        (UsersWrite, "Create, update and deactivate users and assign roles"),
        (FacilitiesRead, "List and read the tenant's facilities"),
        (FacilitiesWrite, "Create and update facilities"),
        (TenantsManage, "Create and list tenants (platform administration)"),
        (AuditRead, "Search, export and verify the audit trail"),
        (ConfigRead, "Read the tenant's configuration"),
        (ConfigWrite, "Change the tenant's configuration (including notification templates)"),
        (NotificationsRead, "Read notifications (their rendered content and delivery state) and notification templates"),
        (NotificationsSend, "Send notifications to patients and staff from a template"),
    ];

    /// <summary>The role-to-permission table: the only place that decides who may do what.</summary>
    public static FrozenDictionary<string, FrozenSet<string>> ByRole { get; } = new Dictionary<string, string[]>
    {
        [Roles.Admin] =
        [
            PatientsRead, PatientsWrite, PatientsIdentifiersRead, PatientsMerge, PractitionersRead, PractitionersWrite,
            DepartmentsWrite, AppointmentsRead, AppointmentsBook, AppointmentsOverbook, AppointmentsCheckIn, AppointmentsComplete, AppointmentsCompleteAny,
            AppointmentsCompleteModality, SchedulesWrite, AdmissionsRead,
            AdmissionsWrite, BedsWrite, BedsHousekeeping, EncountersRead, OrdersRead, BillingRead, ReportsRead, UsersRead, UsersWrite, FacilitiesRead,
            FacilitiesWrite, AuditRead, ConfigRead, ConfigWrite, NotificationsRead, NotificationsSend, LabCatalogWrite,
        ],
        [Roles.Doctor] =
        [
            PatientsRead, PatientsWrite, PractitionersRead, AppointmentsRead, AppointmentsBook, AppointmentsOverbook, AppointmentsComplete,
            AdmissionsRead, AdmissionsWrite, EncountersRead, EncountersWrite, EncountersClose, ClinicalRead, ClinicalWrite, VitalsWrite, OrdersRead, OrdersWrite, OrdersPerform,
            AssessmentsWrite, LabResultsRead, LabCriticalAcknowledge,
            NotesWrite, NotesWriteMedical, NotesSign,
            FacilitiesRead, ConfigRead, DiagnosesWrite,
            NotificationsRead, NotificationsSend,
        ],
        [Roles.Nurse] =
        [
            PatientsRead, PractitionersRead, AppointmentsRead, AppointmentsCheckIn, AdmissionsRead, AdmissionsWrite, BedsHousekeeping,
            EncountersRead, EncountersWrite, EncountersCheckIn, ClinicalRead, ClinicalWrite, VitalsWrite, AssessmentsWrite,
            NotesWrite, NotesWriteNursing, NotesSign,
            OrdersRead, OrdersWrite, OrdersPerform, FacilitiesRead, ConfigRead, NotificationsRead, LabResultsRead, LabCriticalAcknowledge,
        ],
        [Roles.Receptionist] =
        [
            PatientsRead, PatientsWrite, PatientsIdentifiersRead, PractitionersRead, AppointmentsRead, AppointmentsBook,
            AppointmentsCheckIn, AdmissionsRead, EncountersRead, EncountersCheckIn, FacilitiesRead, ConfigRead, NotificationsRead, NotificationsSend,
        ],
        [Roles.Pharmacist] = [PatientsRead, PractitionersRead, ClinicalRead, OrdersRead, PharmacyDispense, PharmacyStockWrite, FacilitiesRead, ConfigRead],
        [Roles.LabTechnician] =
        [
            PatientsRead, PractitionersRead, OrdersRead, OrdersPerform, LabSpecimensWrite, LabResultsRead, LabResultsWrite, FacilitiesRead, ConfigRead,
        ],
        [Roles.Pathologist] =
        [
            PatientsRead, PractitionersRead, OrdersRead, LabCatalogWrite, LabResultsRead, LabResultsWrite, LabResultsVerify, LabCriticalAcknowledge, FacilitiesRead,
            ConfigRead,
        ],
        [Roles.Radiologist] =
        [
            PatientsRead, PractitionersRead, ClinicalRead, OrdersRead, OrdersPerform, ImagingReportsWrite, FacilitiesRead, ConfigRead,
            AppointmentsRead, AppointmentsComplete, AppointmentsCompleteModality,
        ],
        [Roles.Billing] =
        [
            PatientsRead, PatientsIdentifiersRead, PractitionersRead, AppointmentsRead, AdmissionsRead, EncountersRead, BillingRead,
            BillingWrite, ReportsRead, FacilitiesRead, ConfigRead,
        ],
        [Roles.Auditor] = [AuditRead, UsersRead, ReportsRead, FacilitiesRead, ConfigRead],
        [Roles.PlatformAdmin] = [TenantsManage],
    }.ToFrozenDictionary(r => r.Key, r => r.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The union of the permissions the given roles grant; unknown roles grant nothing.</summary>
    public static IReadOnlySet<string> ForRoles(IEnumerable<string> roles)
    {
        var granted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (ByRole.TryGetValue(role, out var permissions))
            {
                granted.UnionWith(permissions);
            }
        }

        return granted;
    }

    /// <summary>docs/permissions.md: one row per permission, one column per role.</summary>
    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("# Permissions\n\n");
        text.Append("Generated from `src/HealthCore/Modules/Identity/Contracts/Permissions.cs` by `./scripts/update-permissions.sh`; ");
        text.Append("a test fails when this file is out of date. Endpoints require permissions, never roles; a user's ");
        text.Append("effective permissions are the union over their roles (see `GET /api/v1/me`).\n\n");
        text.Append("| permission | allows | ").Append(string.Join(" | ", Roles.All)).Append(" |\n");
        text.Append("|---|---|").Append(string.Concat(Roles.All.Select(_ => "---|"))).Append('\n');
        foreach (var (name, description) in All)
        {
            text.Append("| `").Append(name).Append("` | ").Append(description).Append(" | ");
            text.Append(string.Join(" | ", Roles.All.Select(role => ByRole[role].Contains(name) ? "x" : " ")));
            text.Append(" |\n");
        }

        return text.ToString();
    }
}
