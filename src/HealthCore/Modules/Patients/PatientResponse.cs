using System.Text.Json.Serialization;
using HealthCore.Modules.Patients.Contracts;

namespace HealthCore.Modules.Patients;

/// <summary>
/// A patient as one caller may see it: protected identifiers masked without patients.identifiers.read, clinical
/// fields left out entirely without clinical.read. Allergies and conditions are a read-only summary of the patient's
/// allergy and problem-list records (<see cref="IPatientClinicalSummary"/>).
/// </summary>
internal sealed record PatientResponse(
    Guid Id,
    string Mrn,
    bool Active,
    DateTimeOffset? DeactivatedAt,
    string? DeactivationReason,
    IReadOnlyList<Identifier> Identifiers,
    HumanName Name,
    IReadOnlyList<HumanName> OtherNames,
    DateOnly BirthDate,
    AdministrativeGender Gender,
    IReadOnlyList<ContactPoint> Telecom,
    IReadOnlyList<Address> Addresses,
    string? PreferredLanguage,
    MaritalStatus? MaritalStatus,
    IReadOnlyList<EmergencyContact> EmergencyContacts,
    Guid? PrimaryPractitionerId,
    bool Deceased,
    DateTimeOffset? DeceasedAt,
    IReadOnlyList<Consent> Consents,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? HeightCm,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? WeightKg,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Bmi,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PatientAllergySummary>? Allergies,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PatientConditionSummary>? Conditions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Surgery>? PastSurgeries,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? CurrentMedications,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <param name="summary">The patient's clinical summary; only read (and only needed) when the caller may read clinical fields.</param>
    public static PatientResponse From(Patient p, PatientAccess access, IdentifierProtector protector, PatientClinicalSummary? summary)
    {
        var clinical = access.ReadClinical;
        var identifiers = p.Identifiers.Concat(p.ProtectedIdentifiers.Select(i =>
        {
            var value = protector.Decrypt(p.TenantId, i);
            return new Identifier(i.System, access.ReadIdentifiers ? value : IdentifierProtector.Mask(value));
        }));
        return new(
            p.Id, p.Mrn, p.Active, p.DeactivatedAt, p.DeactivationReason, [.. identifiers], p.Name, p.OtherNames, p.BirthDate, p.Gender,
            p.Telecom, p.Addresses, p.PreferredLanguage, p.MaritalStatus, p.EmergencyContacts, p.PrimaryPractitionerId, p.Deceased,
            p.DeceasedAt, p.Consents,
            clinical ? p.HeightCm : null,
            clinical ? p.WeightKg : null,
            clinical ? p.Bmi : null,
            clinical ? (summary ?? PatientClinicalSummary.Empty).Allergies : null,
            clinical ? (summary ?? PatientClinicalSummary.Empty).Conditions : null,
            clinical ? p.PastSurgeries : null,
            clinical ? p.CurrentMedications : null,
            p.Version, p.CreatedAt, p.UpdatedAt);
    }
}

internal static class PatientClinicalSummaries
{
    /// <summary>The patient's clinical summary when the caller may read clinical fields; otherwise nothing is read.</summary>
    public static async Task<PatientClinicalSummary?> ForAsync(this IPatientClinicalSummary summaries, Guid patientId, PatientAccess access, CancellationToken cancellationToken) =>
        access.ReadClinical
            ? (await summaries.ForPatientsAsync([patientId], cancellationToken)).GetValueOrDefault(patientId, PatientClinicalSummary.Empty)
            : null;
}
