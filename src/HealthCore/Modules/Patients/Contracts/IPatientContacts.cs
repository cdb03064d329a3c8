namespace HealthCore.Modules.Patients.Contracts;

/// <summary>Where to reach a patient with a message; either address may be missing.</summary>
/// <param name="Email">The first email address on record that is not marked old.</param>
/// <param name="Phone">An E.164 phone number not marked old, a mobile one first (it can take SMS).</param>
internal sealed record PatientContact(Guid PatientId, string DisplayName, string? Email, string? Phone);

/// <summary>Reads patients' contact points of the current tenant, for modules that message patients (appointment reminders).</summary>
internal interface IPatientContacts
{
    /// <summary>The patient's contact, or null when there is no such patient in this tenant.</summary>
    Task<PatientContact?> FindAsync(Guid patientId, CancellationToken cancellationToken);
}
