namespace HealthCore.Modules.Laboratory;

/// <summary>The order's priority as the laboratory works it: stat first.</summary>
internal enum LabPriority
{
    Routine,
    Urgent,
    Asap,
    Stat,
}

internal static class LabPriorities
{
    public static int Rank(LabPriority priority) => priority switch
    {
        LabPriority.Stat => 0,
        LabPriority.Asap => 1,
        LabPriority.Urgent => 2,
        _ => 3,
    };
}

/// <summary>Where one ordered test stands, in the order of the laboratory's stages (the enum's order is the stage order).</summary>
internal enum LabItemStatus
{
    AwaitingCollection,
    Collected,
    Received,

    /// <summary>Results entered, not yet verified.</summary>
    Preliminary,
    Final,

    /// <summary>Released, then corrected: a new version replaced the released one.</summary>
    Corrected,
    Cancelled,
}

/// <summary>A request's place on the worklist: the stage of its least advanced open item.</summary>
internal enum LabRequestStatus
{
    AwaitingCollection,
    AwaitingReceipt,
    InAnalysis,
    AwaitingVerification,
    Reported,
    Cancelled,
}

internal static class LabRequestStatuses
{
    public static LabRequestStatus Of(LabItemStatus least) => least switch
    {
        LabItemStatus.AwaitingCollection => LabRequestStatus.AwaitingCollection,
        LabItemStatus.Collected => LabRequestStatus.AwaitingReceipt,
        LabItemStatus.Received => LabRequestStatus.InAnalysis,
        LabItemStatus.Preliminary => LabRequestStatus.AwaitingVerification,
        LabItemStatus.Final or LabItemStatus.Corrected => LabRequestStatus.Reported,
        _ => LabRequestStatus.Cancelled,
    };
}
