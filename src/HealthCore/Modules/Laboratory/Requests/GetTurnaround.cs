using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>Turnaround of the request items verified in [from, to), per stage, with the share verified within target.</summary>
internal sealed record TurnaroundResponse(
    DateTimeOffset From, DateTimeOffset To, string? TestCode, string? Priority, int Items, string PercentileMethod,
    IReadOnlyList<TurnaroundStage> Stages, TurnaroundTarget WithinTarget);

/// <param name="Count">Items with both of the stage's times known.</param>
/// <param name="MedianMinutes">The 50th percentile by nearest rank; null without items.</param>
/// <param name="P90Minutes">The 90th percentile by nearest rank; null without items.</param>
internal sealed record TurnaroundStage(string Stage, int Count, double? MedianMinutes, double? P90Minutes);

/// <param name="Items">Items with a turnaround target (the catalogue's, for the order's priority).</param>
/// <param name="Within">Of those, verified within the target (ordered → verified ≤ target).</param>
/// <param name="Share">Within / Items, rounded to 4 decimals; null when no item had a target.</param>
internal sealed record TurnaroundTarget(int Items, int Within, double? Share);

internal static class GetTurnaround
{
    public const int MaxDays = 366;
    public const string PercentileMethod = "nearest-rank";

    private static readonly (string Name, Func<StageTimes, DateTimeOffset?> Start, Func<StageTimes, DateTimeOffset?> End)[] Stages =
    [
        ("orderedToCollected", t => t.OrderedAt, t => t.CollectedAt),
        ("collectedToReceived", t => t.CollectedAt, t => t.ReceivedAt),
        ("receivedToResulted", t => t.ReceivedAt, t => t.ResultedAt),
        ("resultedToVerified", t => t.ResultedAt, t => t.VerifiedAt),
        ("orderedToVerified", t => t.OrderedAt, t => t.VerifiedAt),
    ];

    public static async Task<Results<Ok<TurnaroundResponse>, ValidationProblem>> Handle(
        DateTimeOffset? from, DateTimeOffset? to, string? testCode, string? priority, LaboratoryDb db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrorList();
        if (from is null)
        {
            errors.Add("from", "Give the start of the period (inclusive), an ISO 8601 instant.");
        }

        if (to is null)
        {
            errors.Add("to", "Give the end of the period (exclusive), an ISO 8601 instant.");
        }
        else if (from is { } start && to <= start)
        {
            errors.Add("to", "The end of the period must be after its start.");
        }
        else if (from is { } begin && to - begin > TimeSpan.FromDays(MaxDays))
        {
            errors.Add("to", $"The period may span at most {MaxDays} days.");
        }

        if (testCode is { Length: > LabTest.CodeLength })
        {
            errors.Add("testCode", $"A test code has at most {LabTest.CodeLength} characters.");
        }

        LabPriority? priorityFilter = null;
        if (priority is not null)
        {
            if (QueryEnum.TryParse<LabPriority>(priority, out var parsed))
            {
                priorityFilter = parsed;
            }
            else
            {
                errors.Add("priority", $"Unknown value; use one of: {string.Join(", ", Enum.GetValues<LabPriority>().Select(QueryEnum.Name))}.");
            }
        }

        if (errors.Count > 0)
        {
            return FieldErrors.Invalid(errors.ToDictionary());
        }

        var times = await VerifiedItemsAsync(db, from!.Value, to!.Value, testCode?.Trim(), priorityFilter, cancellationToken);
        var stages = Stages.Select(stage => Summarise(stage.Name, times, stage.Start, stage.End)).ToList();
        var targeted = times.Where(t => t.TargetMinutes is not null).ToList();
        var within = targeted.Count(t => (t.VerifiedAt!.Value - t.OrderedAt).TotalMinutes <= t.TargetMinutes);
        return TypedResults.Ok(new TurnaroundResponse(
            from.Value, to.Value, testCode?.Trim(), priorityFilter is { } p ? QueryEnum.Name(p) : null, times.Count, PercentileMethod, stages,
            new TurnaroundTarget(targeted.Count, within, targeted.Count == 0 ? null : Math.Round((double)within / targeted.Count, 4))));
    }

    private static Task<List<StageTimes>> VerifiedItemsAsync(
        LaboratoryDb db, DateTimeOffset from, DateTimeOffset to, string? testCode, LabPriority? priority, CancellationToken cancellationToken)
    {
        // Through the requests, so that the facility filter scopes the items like the worklist.
        var requests = db.Requests.AsNoTracking();
        if (priority is { } wanted)
        {
            requests = requests.Where(r => r.Priority == wanted);
        }

        var items = db.RequestItems.AsNoTracking()
            .Where(i => i.VerifiedAt != null && i.VerifiedAt >= from && i.VerifiedAt < to && i.Status != LabItemStatus.Cancelled);
        if (testCode is not null)
        {
            items = items.Where(i => i.Code == testCode);
        }

        return items.Join(requests, i => i.RequestId, r => r.Id, (i, r) => new StageTimes(r.OrderedAt, i.CollectedAt, i.ReceivedAt, i.ResultedAt, i.VerifiedAt, i.TargetMinutes))
            .ToListAsync(cancellationToken);
    }

    private static TurnaroundStage Summarise(
        string name, List<StageTimes> times, Func<StageTimes, DateTimeOffset?> start, Func<StageTimes, DateTimeOffset?> end)
    {
        var minutes = times
            .Where(t => start(t) is not null && end(t) is not null && end(t) >= start(t))
            .Select(t => (end(t)!.Value - start(t)!.Value).TotalMinutes)
            .ToList();
        return new TurnaroundStage(name, minutes.Count, Round(NearestRank.Percentile(minutes, 50)), Round(NearestRank.Percentile(minutes, 90)));
    }

    private static double? Round(double? minutes) => minutes is { } value ? Math.Round(value, 1) : null;

    private sealed record StageTimes(
        DateTimeOffset OrderedAt, DateTimeOffset? CollectedAt, DateTimeOffset? ReceivedAt, DateTimeOffset? ResultedAt, DateTimeOffset? VerifiedAt, int? TargetMinutes);
}
