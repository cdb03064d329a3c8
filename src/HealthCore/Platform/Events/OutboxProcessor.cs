using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealthCore.Platform.Events;

/// <summary>
/// Delivers integration events from every module's outbox to their subscribed handlers, at least once. Each handler's
/// success is recorded in platform.processed_messages, so a retry calls only the handlers that have not succeeded yet.
/// </summary>
internal sealed partial class OutboxProcessor(
    IServiceScopeFactory scopes,
    IEnumerable<ModuleDbRegistration> modules,
    IEnumerable<IntegrationEventSubscription> subscriptions,
    IOptionsMonitor<EventOptions> options,
    TimeProvider clock,
    ILogger<OutboxProcessor> logger)
{
    private const int MaxErrorLength = 2000;

    private readonly ModuleDbRegistration[] modules = [.. modules];
    private readonly ILookup<string, IntegrationEventSubscription> handlersByEventType =
        subscriptions.ToLookup(s => s.EventType, StringComparer.Ordinal);

    /// <summary>One pass: claims a batch of due messages from each module's outbox and delivers them; returns how many were claimed.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var claimed = 0;
        List<Exception>? failures = null;
        foreach (var module in modules)
        {
            try
            {
                claimed += await DispatchModuleAsync(module, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One broken outbox must not starve the others; the failure is still reported after the pass.
                (failures ??= []).Add(exception);
            }
        }

        return failures is null ? claimed : throw new AggregateException("Dispatching the outbox failed for some modules.", failures);
    }

    /// <summary>Messages not yet delivered to all their handlers and not dead-lettered, across every module.</summary>
    public async Task<long> CountBacklogAsync(CancellationToken cancellationToken)
    {
        long backlog = 0;
        foreach (var module in modules)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = OutboxOf(scope, module);
            backlog += await db.Outbox.LongCountAsync(m => m.ProcessedAt == null && m.DeadLetteredAt == null, cancellationToken);
        }

        return backlog;
    }

    private async Task<int> DispatchModuleAsync(ModuleDbRegistration module, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var outbox = OutboxOf(scope, module);
        var claim = Guid.CreateVersion7();
        var messages = await OutboxLease.ClaimAsync(
            outbox, claim, clock.GetUtcNow(), TimeSpan.FromSeconds(settings.LeaseSeconds), settings.BatchSize, cancellationToken);
        if (messages.Count == 0)
        {
            return 0;
        }

        var receipts = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        var ids = messages.ConvertAll(m => m.Id);
        var done = (await receipts.ProcessedMessages.AsNoTracking()
                .Where(p => ids.Contains(p.MessageId))
                .Select(p => new { p.MessageId, p.Handler })
                .ToListAsync(cancellationToken))
            .Select(p => (p.MessageId, p.Handler))
            .ToHashSet();
        try
        {
            foreach (var message in messages)
            {
                await DeliverAsync(outbox, receipts, claim, message, done, settings, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Hand the rest of the batch back now rather than when the lease runs out.
            await OutboxLease.ReleaseAsync(outbox, claim, CancellationToken.None);
            throw;
        }

        return messages.Count;
    }

    private async Task DeliverAsync(
        ModuleDbContext outbox,
        PlatformDb receipts,
        Guid claim,
        OutboxMessage message,
        HashSet<(Guid MessageId, string Handler)> done,
        EventOptions settings,
        CancellationToken cancellationToken)
    {
        var context = new IntegrationEventContext(message.Id, message.TenantId, message.OccurredAt, message.Attempts + 1);
        var errors = new List<string>();
        foreach (var subscription in handlersByEventType[message.Type])
        {
            if (done.Contains((message.Id, subscription.Handler)))
            {
                continue;
            }

            try
            {
                await using (var handlerScope = scopes.CreateAsyncScope())
                {
                    // Handlers act for the tenant whose change raised the event, so tenant filters and stamping apply.
                    handlerScope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(message.TenantId, userId: null);
                    await subscription.InvokeAsync(handlerScope.ServiceProvider, message.Payload, context, cancellationToken);
                }

                await RecordReceiptAsync(receipts, message.Id, subscription.Handler, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogHandlerFailed(exception, subscription.Handler, message.Type, message.Id, context.Attempt);
                errors.Add($"{subscription.Handler}: {exception.GetType().Name}: {exception.Message}");
            }
        }

        var now = clock.GetUtcNow();
        var mine = RowLease.Held<OutboxMessage>(outbox, message.Id, claim);
        if (errors.Count == 0)
        {
            await mine.ExecuteUpdateAsync(
                set =>
                {
                    set.SetProperty(m => m.ProcessedAt, now);
                    RowLease.ClearLease(set);
                },
                CancellationToken.None);
            return;
        }

        var attempts = message.Attempts + 1;
        var lastError = string.Join("; ", errors);
        var deadLetteredAt = attempts >= settings.MaxAttempts ? now : (DateTimeOffset?)null;
        await mine.ExecuteUpdateAsync(
            set =>
            {
                set.SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, lastError.Length > MaxErrorLength ? lastError[..MaxErrorLength] : lastError)
                    .SetProperty(m => m.NextAttemptAt, now + RetryBackoff.After(attempts, settings))
                    .SetProperty(m => m.DeadLetteredAt, deadLetteredAt);
                RowLease.ClearLease(set);
            },
            CancellationToken.None);
        if (deadLetteredAt is not null)
        {
            LogDeadLettered(message.Type, message.Id, attempts);
        }
    }

    // A dispatcher whose lease had run out may have delivered and recorded it as well: it is processed either way.
    private async Task RecordReceiptAsync(PlatformDb receipts, Guid messageId, string handler, CancellationToken cancellationToken) =>
        await receipts.InsertIfAbsentAsync(
            new ProcessedMessage { MessageId = messageId, Handler = handler, ProcessedAt = clock.GetUtcNow() },
            cancellationToken);

    private static ModuleDbContext OutboxOf(AsyncServiceScope scope, ModuleDbRegistration module) =>
        (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler {Handler} failed on {EventType} {MessageId} (attempt {Attempt})")]
    private partial void LogHandlerFailed(Exception exception, string handler, string eventType, Guid messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-lettered {EventType} {MessageId} after {Attempts} failed attempts")]
    private partial void LogDeadLettered(string eventType, Guid messageId, int attempts);
}
