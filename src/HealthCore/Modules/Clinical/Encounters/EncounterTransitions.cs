namespace HealthCore.Modules.Clinical;

internal enum EncounterAction
{
    Arrive,
    Triage,
    StartConsultation,
    Close,
    Cancel,
    MarkEnteredInError,
}

/// <summary>
/// The state machine: planned → arrived → triaged → in consultation → completed. Triage may be skipped (not every
/// clinic triages); cancelling is for a visit that has not started its consultation (FHIR: it ended before it began);
/// any record but one already entered in error can be marked so.
/// </summary>
internal static class EncounterTransitions
{
    private static readonly Dictionary<EncounterAction, (EncounterStatus[] From, EncounterStatus To)> Table = new()
    {
        [EncounterAction.Arrive] = ([EncounterStatus.Planned], EncounterStatus.Arrived),
        [EncounterAction.Triage] = ([EncounterStatus.Arrived], EncounterStatus.Triaged),
        [EncounterAction.StartConsultation] = ([EncounterStatus.Arrived, EncounterStatus.Triaged], EncounterStatus.InConsultation),
        [EncounterAction.Close] = ([EncounterStatus.InConsultation], EncounterStatus.Completed),
        [EncounterAction.Cancel] = ([EncounterStatus.Planned, EncounterStatus.Arrived, EncounterStatus.Triaged], EncounterStatus.Cancelled),
        [EncounterAction.MarkEnteredInError] =
        (
            [EncounterStatus.Planned, EncounterStatus.Arrived, EncounterStatus.Triaged, EncounterStatus.InConsultation, EncounterStatus.Completed, EncounterStatus.Cancelled],
            EncounterStatus.EnteredInError
        ),
    };

    public static (EncounterStatus[] From, EncounterStatus To) Of(EncounterAction action) => Table[action];

    public static bool Allows(EncounterAction action, EncounterStatus status) => Table[action].From.Contains(status);

    public static bool IsOpen(EncounterStatus status) =>
        status is EncounterStatus.Planned or EncounterStatus.Arrived or EncounterStatus.Triaged or EncounterStatus.InConsultation;
}
