using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Seeding;

namespace HealthCore.Modules.Admissions.Demo;

/// <summary>
/// The demo patients the history admits and the physicians who admit them, read through the Patients and
/// Practitioners contracts. A patient is taken at most once at a time, first those never admitted, then (a
/// readmission) those discharged at least a week before.
/// </summary>
internal sealed class DemoPeople
{
    private static readonly TimeSpan ReadmissionGap = TimeSpan.FromDays(7);

    private readonly List<PatientSummary> patients;
    private readonly List<PractitionerSummary> physicians;
    private readonly Dictionary<Guid, DateTimeOffset?> lastStay = [];
    private int cursor;

    private DemoPeople(List<PatientSummary> patients, List<PractitionerSummary> physicians, Guid fallbackDepartment)
    {
        this.patients = patients;
        this.physicians = physicians;
        FallbackDepartment = fallbackDepartment;
    }

    /// <summary>The department of admissions to a ward that has none (internal medicine).</summary>
    public Guid FallbackDepartment { get; }

    /// <summary>The demo patients and physicians, or null when the demo tenant has none to admit (or no department).</summary>
    public static async Task<DemoPeople?> LoadAsync(
        DemoSeedContext context, IPatientDirectory patientDirectory, IPractitionerDirectory practitioners, CancellationToken cancellationToken)
    {
        var physicians = new List<PractitionerSummary>();
        for (var i = 0; i < 40; i++)
        {
            if (await practitioners.FindPractitionerAsync(context.IdFor("practitioner", i), cancellationToken) is { Active: true, Role: "physician" } physician)
            {
                physicians.Add(physician);
            }
        }

        var patients = new List<PatientSummary>();
        for (var i = 0; i < context.PatientCount; i++)
        {
            if (await patientDirectory.FindAsync(context.IdFor("patient", i), cancellationToken) is { Active: true, Deceased: false } patient)
            {
                patients.Add(patient);
            }
        }

        var medicine = await practitioners.FindDepartmentAsync(context.IdFor("department", 0), cancellationToken);
        return physicians.Count > 0 && patients.Count > 0 && medicine is { Active: true }
            ? new DemoPeople(patients, physicians, medicine.Id)
            : null;
    }

    /// <summary>A physician of the department when there is one, else any.</summary>
    public Guid PhysicianFor(Guid department, Random random)
    {
        var members = physicians.Where(p => p.ActiveDepartments.Any(d => d.DepartmentId == department)).ToList();
        var pool = members.Count > 0 ? members : physicians;
        return pool[random.Next(pool.Count)].Id;
    }

    /// <summary>The next patient free at <paramref name="at"/> who fits, or null.</summary>
    public PatientSummary? Next(Func<PatientSummary, bool> fits, DateTimeOffset at)
    {
        var free = Find(p => !lastStay.ContainsKey(p.Id) && fits(p))
            ?? Find(p => lastStay.TryGetValue(p.Id, out var left) && left is { } discharged && at - discharged >= ReadmissionGap && fits(p));
        return free;
    }

    public void Admitted(Guid patientId) => lastStay[patientId] = null;

    public void Discharged(Guid patientId, DateTimeOffset at) => lastStay[patientId] = at;

    public static int AgeAt(PatientSummary patient, DateTimeOffset at)
    {
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var age = today.Year - patient.BirthDate.Year;
        return patient.BirthDate.AddYears(age) > today ? age - 1 : age;
    }

    private PatientSummary? Find(Func<PatientSummary, bool> wanted)
    {
        for (var n = 0; n < patients.Count; n++)
        {
            var candidate = patients[(cursor + n) % patients.Count];
            if (wanted(candidate))
            {
                cursor = (cursor + n + 1) % patients.Count;
                return candidate;
            }
        }

        return null;
    }
}
