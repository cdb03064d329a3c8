using System.Text.Json.Nodes;
using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// Opens one critical-value alert per critical observation of a released report and tells the ordering team at
/// once. A redelivered event opens nothing new (one alert per result id, guarded by a unique index). The team is told
/// before the alerts are saved: a failure in between makes the outbox deliver again, and the notifications'
/// deduplication keys keep the second message from reaching anyone twice.
/// </summary>
internal sealed partial class OpenCriticalAlerts(
    LaboratoryDb db, LabRequestIntake intake, LabNotifier notifier, IOptionsMonitor<LaboratoryOptions> options, TimeProvider clock,
    ILogger<OpenCriticalAlerts> logger) : IIntegrationEventHandler<LabResultsReleased>
{
    public const string TemplateKey = "lab.result.critical";

    public async Task HandleAsync(LabResultsReleased released, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var critical = released.Observations.Where(o => o.Critical).DistinctBy(o => o.ResultId).ToList();
        if (critical.Count == 0)
        {
            return;
        }

        var resultIds = critical.Select(o => o.ResultId).ToList();
        var known = await db.CriticalAlerts.IgnoreQueryFilters([ModuleDbContext.FacilityFilterName])
            .Where(a => resultIds.Contains(a.ResultId)).Select(a => a.ResultId).ToListAsync(cancellationToken);
        var fresh = critical.Where(o => !known.Contains(o.ResultId)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        if (await intake.FindAsync(released.OrderId, cancellationToken) is not { } request)
        {
            LogNoRequest(released.OrderId, fresh.Count);
            return;
        }

        var now = clock.GetUtcNow();
        var period = options.CurrentValue.CriticalEscalationPeriod;
        foreach (var observation in fresh)
        {
            var alert = Open(released, observation, request, now, period);
            var told = await notifier.TellOrderingTeamAsync(request, TemplateKey, CriticalAlertMessages.Payload(alert, now), CriticalAlertMessages.DedupKey(alert), cancellationToken);
            alert.Escalations.Add(new LabCriticalEscalation(0, now, told.Count));
            if (told.Count == 0)
            {
                // Nobody could be told: the next level must not wait a whole period for it.
                alert.DueAt = now;
            }

            db.CriticalAlerts.Add(alert);
            db.AuditAs(alert, "open");
        }

        // Two deliveries of one event at once: the other one's alerts stand (and its messages went to the same people).
        if (!await db.SaveUnlessDuplicateAsync(cancellationToken))
        {
            db.ChangeTracker.Clear();
        }
    }

    private static LabCriticalAlert Open(LabResultsReleased released, ReleasedObservation observation, LabRequest request, DateTimeOffset now, TimeSpan period) => new()
    {
        Id = Guid.CreateVersion7(),
        ResultId = observation.ResultId,
        OrderId = released.OrderId,
        ItemId = released.ItemId,
        ReportId = released.ReportId,
        ReportVersion = released.Version,
        PatientId = released.PatientId,
        EncounterId = released.EncounterId,
        FacilityId = request.FacilityId,
        Code = Clip(observation.Code, LabTest.CodeLength)!,
        Display = Clip(observation.Display, LabRequestItem.DisplayLength),
        Value = Clip(observation.Value, LabCriticalAlert.ValueLength)!,
        Unit = Clip(observation.Unit, LabTest.UnitLength),
        Interpretation = Clip(observation.Interpretation, LaboratoryDb.EnumLength),
        ReferenceRange = Clip(observation.ReferenceRange, LabCriticalAlert.TextLength),
        ReleasedAt = released.ReleasedAt,
        OpenedAt = now,
        Status = LabCriticalStatus.Open,
        Level = 0,
        DueAt = released.ReleasedAt + period,
    };

    private static string? Clip(string? text, int length) => text is { Length: var n } && n > length ? text[..length] : text;

    [LoggerMessage(Level = LogLevel.Error, Message = "Released results of order {OrderId} carry {Count} critical value(s) but the laboratory has no request for the order; no alert opened")]
    private partial void LogNoRequest(Guid orderId, int count);
}

/// <summary>The payload the critical-value templates render, and the key that makes each level's message go out once per user.</summary>
internal static class CriticalAlertMessages
{
    public static string DedupKey(LabCriticalAlert alert, int level = 0) => $"lab.critical:{alert.ResultId}:{level}";

    public static JsonObject Payload(LabCriticalAlert alert, DateTimeOffset now) => new()
    {
        ["result"] = new JsonObject
        {
            ["id"] = alert.ResultId.ToString(),
            ["code"] = alert.Code,
            ["display"] = alert.Display ?? alert.Code,
            ["value"] = alert.Value,
            ["unit"] = alert.Unit ?? "",
            ["interpretation"] = alert.Interpretation ?? "critical",
            ["releasedAt"] = alert.ReleasedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
        },
        ["alert"] = new JsonObject
        {
            ["id"] = alert.Id.ToString(),
            ["level"] = alert.Level,
            ["levelName"] = CriticalEscalationChain.NameOf(alert.Level),
            ["minutesOpen"] = MinutesOpen(alert, now),
            ["dueAt"] = alert.DueAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        },
    };

    /// <summary>Whole minutes from release to acknowledgement, or to now while open.</summary>
    public static int MinutesOpen(LabCriticalAlert alert, DateTimeOffset now) =>
        (int)Math.Max(0, Math.Floor(((alert.AcknowledgedAt ?? now) - alert.ReleasedAt).TotalMinutes));
}
