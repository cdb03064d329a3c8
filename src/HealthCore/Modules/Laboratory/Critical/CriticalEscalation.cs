using HealthCore.Platform.Background;
using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// Escalates every tenant's critical-value alerts whose level's time ran out unacknowledged to the next level of
/// <see cref="CriticalEscalationChain"/>, telling its members. Safe on any number of instances: the step is saved
/// under the alert's version, so of two instances escalating the same alert one wins and the other leaves it; both
/// send under the level's deduplication key, so nobody is told twice. The message goes out before the step is saved,
/// so a failure in between is retried at the next pass instead of losing the message.
/// </summary>
internal sealed partial class CriticalEscalation(
    IServiceScopeFactory scopes, IOptionsMonitor<LaboratoryOptions> options, TimeProvider clock, ILogger<CriticalEscalation> logger)
{
    public const string TemplateKey = "lab.critical.escalated";
    private const int BatchSize = 100;

    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => RunOnceAsync(clock.GetUtcNow(), cancellationToken);

    /// <summary>One pass as if it were <paramref name="now"/>; returns how many alerts it escalated.</summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<(Guid Id, Guid TenantId)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LaboratoryDb>();
            due = (await db.CriticalAlerts.IgnoreQueryFilters().AsNoTracking()
                    .Where(a => a.Status == LabCriticalStatus.Open && a.DueAt != null && a.DueAt <= now)
                    .OrderBy(a => a.DueAt)
                    .Select(a => new { a.Id, a.TenantId })
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken))
                .ConvertAll(a => (a.Id, a.TenantId));
        }

        var escalated = 0;
        foreach (var (id, tenantId) in due)
        {
            if (await EscalateAsync(id, tenantId, now, cancellationToken))
            {
                escalated++;
            }
        }

        return escalated;
    }

    private async Task<bool> EscalateAsync(Guid id, Guid tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenantId, userId: null);
        var db = scope.ServiceProvider.GetRequiredService<LaboratoryDb>();
        var alert = await db.CriticalAlerts.IgnoreQueryFilters([ModuleDbContext.FacilityFilterName])
            .SingleOrDefaultAsync(a => a.Id == id && a.Status == LabCriticalStatus.Open && a.DueAt != null && a.DueAt <= now, cancellationToken);
        var request = alert is null
            ? null
            : await db.Requests.IgnoreQueryFilters([ModuleDbContext.FacilityFilterName]).AsNoTracking().SingleOrDefaultAsync(r => r.Id == alert.OrderId, cancellationToken);
        if (alert is null || request is null)
        {
            return false;
        }

        var chain = scope.ServiceProvider.GetRequiredService<CriticalEscalationChain>();
        var notifier = scope.ServiceProvider.GetRequiredService<LabNotifier>();
        var period = options.CurrentValue.CriticalEscalationPeriod;
        IReadOnlyList<Guid> told;
        do
        {
            var level = alert.Level + 1;
            told = await chain.RecipientsAsync(level, request, cancellationToken);
            alert.Escalate(level, now, told.Count, period);
            if (told.Count > 0)
            {
                await notifier.TellAsync(told, request, TemplateKey, CriticalAlertMessages.Payload(alert, now), CriticalAlertMessages.DedupKey(alert, level), cancellationToken);
            }
        }
        while (told.Count == 0 && alert.Level < CriticalEscalationChain.LastLevel);

        if (told.Count == 0)
        {
            LogNobodyOnCall(alert.Id, alert.OrderId);
        }

        db.AuditAs(alert, "escalate");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Acknowledged, or escalated by another instance, at the same moment: theirs stands.
            LogRaced(alert.Id);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Critical alert {AlertId} changed while escalating it; skipped")]
    private partial void LogRaced(Guid alertId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Critical alert {AlertId} of order {OrderId} reached its last escalation level and nobody could be told: the tenant has no active Pathologist or Admin in the facility")]
    private partial void LogNobodyOnCall(Guid alertId, Guid orderId);
}

/// <summary>Runs the escalation every Laboratory:CriticalEscalationPollMilliseconds unless Laboratory:CriticalEscalationEnabled is false.</summary>
internal sealed class CriticalEscalationService(
    CriticalEscalation escalation, IOptionsMonitor<LaboratoryOptions> options, TimeProvider clock, ILogger<CriticalEscalationService> logger)
    : PollingWorker(clock, logger)
{
    protected override string Name => "critical-value escalation";

    protected override string EnabledSetting => $"{LaboratoryOptions.Section}:{nameof(LaboratoryOptions.CriticalEscalationEnabled)}";

    protected override bool Enabled => options.CurrentValue.CriticalEscalationEnabled;

    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(options.CurrentValue.CriticalEscalationPollMilliseconds);

    protected override Task<int> RunPassAsync(CancellationToken cancellationToken) => escalation.RunOnceAsync(cancellationToken);
}
