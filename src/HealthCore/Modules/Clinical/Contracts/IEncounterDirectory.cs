namespace HealthCore.Modules.Clinical.Contracts;

/// <summary>
/// Reads encounters and notes of the current tenant for modules that hang records off a visit (orders). Facility-scoped
/// like the clinical record: an encounter or note of a facility the caller may not see is not found.
/// </summary>
internal interface IEncounterDirectory
{
    /// <summary>The encounter, or null when there is none the caller may see.</summary>
    Task<EncounterFacts?> FindEncounterAsync(Guid encounterId, CancellationToken cancellationToken);

    /// <summary>The note, or null when there is none the caller may see.</summary>
    Task<NoteFacts?> FindNoteAsync(Guid noteId, CancellationToken cancellationToken);

    /// <summary>
    /// Encounters that began since <paramref name="since"/> and are not void, oldest first, at most <paramref name="limit"/>,
    /// with the first practitioner who took part (for seeders and reports that act on a visit's behalf).
    /// </summary>
    Task<IReadOnlyList<EncounterWithClinician>> ListStartedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);
}

/// <param name="PractitionerId">The encounter's first participant (attender or admitter); null when nobody is recorded.</param>
internal sealed record EncounterWithClinician(EncounterFacts Encounter, DateTimeOffset StartsAt, Guid? PractitionerId);

/// <summary>An encounter as other modules need it: whose, where, and whether it still takes records.</summary>
/// <param name="Status">planned, arrived, triaged, inConsultation, completed, cancelled or enteredInError.</param>
/// <param name="IsVoid">Cancelled or entered in error: it takes no more clinical records.</param>
internal sealed record EncounterFacts(Guid Id, Guid PatientId, Guid FacilityId, Guid DepartmentId, string Status, bool IsVoid);

/// <summary>A clinical note as other modules need it to attach it (e.g. a referral letter to a referral).</summary>
/// <param name="Type">historyAndExamination, progress, nursing, dischargeSummary, procedure or referralLetter.</param>
/// <param name="Signed">Whether its current version is signed.</param>
internal sealed record NoteFacts(Guid Id, Guid EncounterId, Guid PatientId, string Type, bool Signed);
