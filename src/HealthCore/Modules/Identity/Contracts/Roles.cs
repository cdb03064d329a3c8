namespace HealthCore.Modules.Identity.Contracts;

/// <summary>The roles a user can hold. Authorization never checks roles directly, only the permissions they grant.</summary>
internal static class Roles
{
    public const string Admin = "Admin";
    public const string Doctor = "Doctor";
    public const string Nurse = "Nurse";
    public const string Receptionist = "Receptionist";
    public const string Pharmacist = "Pharmacist";
    public const string LabTechnician = "LabTechnician";
    public const string Pathologist = "Pathologist";
    public const string Radiologist = "Radiologist";
    public const string Billing = "Billing";
    public const string Auditor = "Auditor";
    public const string PlatformAdmin = "PlatformAdmin";

    public static IReadOnlyList<string> All { get; } =
        [Admin, Doctor, Nurse, Receptionist, Pharmacist, LabTechnician, Pathologist, Radiologist, Billing, Auditor, PlatformAdmin];
}
