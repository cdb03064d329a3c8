using System.Text.Json.Serialization;

namespace HealthCore.Modules.Patients;

/// <summary>
/// A patient as one caller may see it: protected identifiers masked without patients.identifiers.read, clinical
/// fields left out entirely without clinical.read.
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Allergy>? Allergies,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Condition>? Conditions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Surgery>? PastSurgeries,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? CurrentMedications,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PatientResponse From(Patient p, PatientAccess access, IdentifierProtector protector)
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
            clinical ? p.Allergies : null,
            clinical ? p.Conditions : null,
            clinical ? p.PastSurgeries : null,
            clinical ? p.CurrentMedications : null,
            p.Version, p.CreatedAt, p.UpdatedAt);
    }
}
