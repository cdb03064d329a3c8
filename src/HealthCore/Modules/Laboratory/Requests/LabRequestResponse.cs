namespace HealthCore.Modules.Laboratory;

/// <summary>One ordered test or panel as the laboratory works it, with its stage times.</summary>
/// <param name="Analytes">The test codes reported under it (a panel's members, or the test itself).</param>
/// <param name="TargetMinutes">The catalogue's turnaround target (order to verified result) for the order's priority.</param>
/// <param name="RecollectionNeeded">A specimen of the item was rejected and none has been collected since.</param>
internal sealed record LabRequestItemResponse(
    Guid Id,
    int Sequence,
    string Code,
    string? Display,
    IReadOnlyList<string> Analytes,
    string? SpecimenType,
    string? Container,
    int? TargetMinutes,
    LabItemStatus Status,
    DateTimeOffset StatusChangedAt,
    Guid? SpecimenId,
    DateTimeOffset? CollectedAt,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? ResultedAt,
    DateTimeOffset? VerifiedAt,
    bool RecollectionNeeded)
{
    public static LabRequestItemResponse From(LabRequestItem i, IReadOnlySet<Guid> rejectedItems) =>
        new(i.Id, i.Sequence, i.Code, i.Display, i.AnalyteCodes, i.SpecimenType, i.Container, i.TargetMinutes, i.Status, i.StatusChangedAt, i.SpecimenId,
            i.CollectedAt, i.ReceivedAt, i.ResultedAt, i.VerifiedAt, NeedsRecollection(i, rejectedItems));

    public static bool NeedsRecollection(LabRequestItem item, IReadOnlySet<Guid> rejectedItems) =>
        item.Status == LabItemStatus.AwaitingCollection && rejectedItems.Contains(item.Id);
}

/// <summary>
/// A laboratory request (the placed laboratory order, same id) with its items and, on a single read, its specimens.
/// <paramref name="Specimens"/> is null on the worklist, which leaves them out.
/// </summary>
internal sealed record LabRequestResponse(
    Guid Id,
    Guid PatientId,
    Guid EncounterId,
    Guid FacilityId,
    Guid RequesterId,
    Guid? PerformerDepartmentId,
    LabPriority Priority,
    LabRequestStatus Status,
    DateTimeOffset OrderedAt,
    DateTimeOffset? CancelledAt,
    string? CancelReason,
    bool RecollectionNeeded,
    IReadOnlyList<LabRequestItemResponse> Items,
    IReadOnlyList<SpecimenResponse>? Specimens,
    int Version)
{
    /// <param name="rejectedItems">The ids of the request's items on a rejected specimen.</param>
    public static LabRequestResponse From(LabRequest r, IReadOnlySet<Guid> rejectedItems, IReadOnlyList<Specimen>? specimens)
    {
        var items = r.Items.OrderBy(i => i.Sequence).Select(i => LabRequestItemResponse.From(i, rejectedItems)).ToList();
        return new(r.Id, r.PatientId, r.EncounterId, r.FacilityId, r.RequesterId, r.PerformerDepartmentId, r.Priority, r.Status, r.OrderedAt, r.CancelledAt,
            r.CancelReason, items.Any(i => i.RecollectionNeeded), items, specimens?.Select(SpecimenResponse.From).ToList(), r.Version);
    }

    public static HashSet<Guid> RejectedItems(IEnumerable<Specimen> specimens) =>
        [.. specimens.Where(s => s.Status == SpecimenStatus.Rejected).SelectMany(s => s.ItemIds)];
}
