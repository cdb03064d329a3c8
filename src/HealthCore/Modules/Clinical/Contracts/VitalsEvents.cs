namespace HealthCore.Modules.Clinical.Contracts;

/// <summary>
/// A recorded vital signs set reached the NEWS2 high band (aggregate 7 or more) or scored 3 in a single parameter:
/// the responsible team must review the patient urgently.
/// </summary>
/// <param name="EncounterId">The encounter the set was recorded in, if any; its attending practitioners are the responsible team.</param>
/// <param name="Aggregate">Null when the set is incomplete and a single parameter scoring 3 raised the alert.</param>
/// <param name="Risk">low, lowMedium, medium or high; null for an incomplete set.</param>
/// <param name="ParametersScoringThree">The NEWS2 parameters (e.g. respirationRate) that scored 3.</param>
internal sealed record News2AlertRaised(
    Guid VitalsId,
    Guid PatientId,
    Guid? EncounterId,
    int? Aggregate,
    string? Risk,
    IReadOnlyList<string> ParametersScoringThree,
    DateTimeOffset EffectiveAt);
