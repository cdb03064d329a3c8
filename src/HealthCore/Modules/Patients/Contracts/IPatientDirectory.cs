namespace HealthCore.Modules.Patients.Contracts;

/// <summary>Who a patient is, for modules that reference patients (scheduling, admissions, billing).</summary>
/// <param name="Gender">male, female, other or unknown.</param>
internal sealed record PatientSummary(Guid Id, string Mrn, string DisplayName, DateOnly BirthDate, string Gender, bool Active, bool Deceased);

/// <summary>Reads patients of the current tenant; another tenant's patient is not found.</summary>
internal interface IPatientDirectory
{
    /// <summary>The patient, deactivated ones included (check <see cref="PatientSummary.Active"/>), or null.</summary>
    Task<PatientSummary?> FindAsync(Guid patientId, CancellationToken cancellationToken);
}
