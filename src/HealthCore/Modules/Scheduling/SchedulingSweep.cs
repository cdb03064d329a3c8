using HealthCore.Platform.Background;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Scheduling;

/// <summary>
/// The module's background work, across tenants: queues the automatic reminder for appointments starting within the
/// lead time, and lapses waitlist offers whose hold expired (passing the place on). Safe on any number of instances:
/// reminders are claimed by primary key, lapses by the appointment's version.
/// </summary>
internal sealed partial class SchedulingSweep(
    IServiceScopeFactory scopes, IOptionsMonitor<SchedulingOptions> options, TimeProvider clock, ILogger<SchedulingSweep> logger)
{
    private const int BatchSize = 200;

    public Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken) => RunOnceAsync(clock.GetUtcNow(), cancellationToken);

    /// <summary>One pass as if it were <paramref name="now"/> (tests pass a later instant to see offers lapse).</summary>
    public async Task<SweepResult> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reminders = await QueueDueRemindersAsync(now, cancellationToken);
        var lapsed = await LapseExpiredOffersAsync(now, cancellationToken);
        return new SweepResult(reminders, lapsed);
    }

    private async Task<int> QueueDueRemindersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = now + options.CurrentValue.ReminderLeadTime;
        List<Appointment> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchedulingDb>();
            due = await db.Appointments.IgnoreQueryFilters().AsNoTracking()
                .Where(a => (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed) && a.StartsAt > now && a.StartsAt <= horizon)
                .Where(a => !db.Reminders.IgnoreQueryFilters()
                    .Any(r => r.AppointmentId == a.Id && r.Kind == AppointmentReminder.BeforeStart && r.StartsAt == a.StartsAt))
                .OrderBy(a => a.StartsAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        var queued = 0;
        foreach (var appointment in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(appointment.TenantId, userId: null);
            if (!(await scope.ServiceProvider.GetRequiredService<SchedulingLookups>().DefaultsAsync(cancellationToken)).RemindersEnabled)
            {
                continue;
            }

            if (await scope.ServiceProvider.GetRequiredService<Reminders>()
                    .TryQueueAsync(appointment, AppointmentReminder.BeforeStart, requestedBy: null, cancellationToken) is not null)
            {
                queued++;
            }
        }

        return queued;
    }

    private async Task<int> LapseExpiredOffersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<(Guid Id, Guid TenantId)> expired;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchedulingDb>();
            expired = (await db.Appointments.IgnoreQueryFilters().AsNoTracking()
                    .Where(a => a.Status == AppointmentStatus.Offered && a.OfferExpiresAt <= now)
                    .OrderBy(a => a.OfferExpiresAt)
                    .Select(a => new { a.Id, a.TenantId })
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken))
                .ConvertAll(a => (a.Id, a.TenantId));
        }

        var lapsed = 0;
        foreach (var (id, tenantId) in expired)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenantId, userId: null);
            var db = scope.ServiceProvider.GetRequiredService<SchedulingDb>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var offer = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id && a.Status == AppointmentStatus.Offered, cancellationToken);
            if (offer is null)
            {
                continue;
            }

            try
            {
                await scope.ServiceProvider.GetRequiredService<WaitlistOffers>().LapseAsync(offer, AppointmentAction.ExpireOffer, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                lapsed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Accepted, declined or lapsed by someone else at the same moment: theirs stands.
                LogOfferRaced(id);
            }
        }

        return lapsed;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waitlist offer {AppointmentId} changed while lapsing it; skipped")]
    private partial void LogOfferRaced(Guid appointmentId);
}

internal sealed record SweepResult(int RemindersQueued, int OffersLapsed);

/// <summary>Runs the sweep every <see cref="SchedulingOptions.SweepInterval"/> unless <c>Scheduling:SweepEnabled</c> is false.</summary>
internal sealed class SchedulingSweepService(
    SchedulingSweep sweep, IOptionsMonitor<SchedulingOptions> options, TimeProvider clock, ILogger<SchedulingSweepService> logger)
    : PollingWorker(clock, logger)
{
    protected override string Name => "scheduling sweep";

    protected override string EnabledSetting => $"{SchedulingOptions.Section}:{nameof(SchedulingOptions.SweepEnabled)}";

    protected override bool Enabled => options.CurrentValue.SweepEnabled;

    protected override TimeSpan PollInterval => options.CurrentValue.SweepInterval;

    protected override async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        var result = await sweep.RunOnceAsync(cancellationToken);
        return result.RemindersQueued + result.OffersLapsed;
    }
}
