namespace HealthCore.Modules.Clinical;

/// <summary>A patient's allergy or intolerance (FHIR AllergyIntolerance); <c>clinicalStatus</c> is absent once entered in error.</summary>
internal sealed record AllergyResponse(
    Guid Id,
    Guid PatientId,
    Guid? EncounterId,
    ClinicalCode Substance,
    bool NoKnownAllergies,
    AllergyType? Type,
    AllergyCategory? Category,
    AllergyCriticality? Criticality,
    AllergyClinicalStatus? ClinicalStatus,
    AllergyVerificationStatus VerificationStatus,
    IReadOnlyList<AllergyReaction> Reactions,
    DateTimeOffset? OnsetAt,
    string? Note,
    DateTimeOffset RecordedAt,
    Guid? RecorderId,
    DateTimeOffset UpdatedAt,
    string? EnteredInErrorReason,
    int Version)
{
    public static AllergyResponse From(AllergyIntolerance a) => From(a, a.Version);

    public static AllergyResponse From(AllergyIntolerance a, int version) =>
        new(
            a.Id, a.PatientId, a.EncounterId, a.Substance, a.IsNoKnownAllergy, a.Type, a.Category, a.Criticality, a.ClinicalStatus, a.VerificationStatus,
            a.Reactions, a.OnsetAt, a.Note, a.RecordedAt, a.RecorderId, a.UpdatedAt, a.EnteredInErrorReason, version);
}

/// <summary>A patient's allergies, entered-in-error ones included, in the order they were recorded.</summary>
internal sealed record AllergyList(IReadOnlyList<AllergyResponse> Items);
