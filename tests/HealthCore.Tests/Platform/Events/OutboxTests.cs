using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Tests.Support.Probe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Platform.Events;

public abstract class OutboxTests(HealthCoreApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_committed_change_is_delivered_to_the_handlers_of_another_module_by_the_background_dispatcher()
    {
        using var running = app.WithSettings(("Events:Enabled", "true"), ("Events:PollIntervalMilliseconds", "50"));
        var tenant = Guid.CreateVersion7();
        var title = UniqueTitle();

        var response = await HealthCoreApp.Authorize(running.CreateClient(), tenant).PostAsJsonAsync("/api/v1/probe-notes", new { title });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var noteId = (await response.Content.ReadFromJsonAsync<ProbeNoteResponse>())!.Id;

        var received = await EventuallyAsync(() => ReceivedAsync(noteId), entries => entries.Count >= 2);
        received.Select(e => e.Handler).Order().ShouldBe([nameof(ProbeInboxAuditor), nameof(ProbeInboxRecorder)]);
        received.ShouldAllBe(e => e.Title == title && e.TenantId == tenant && e.Attempt == 1);
        var message = (await OutboxMessageAsync(noteId))!;
        received.ShouldAllBe(e => e.MessageId == message.Id);
        message.Type.ShouldBe(typeof(ProbeNoteCreated).FullName);
        (await EventuallyAsync(() => OutboxMessageAsync(noteId), m => m!.ProcessedAt is not null))!.ProcessedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_change_rolled_back_is_never_delivered_while_one_committed_in_the_same_pass_is()
    {
        var processor = app.Services.GetRequiredService<OutboxProcessor>();
        Guid rolledBackNote;
        Guid rolledBackMessage;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbeDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var note = NewNote(UniqueTitle());
            db.Notes.Add(note);
            db.Publish(new ProbeNoteCreated(note.Id, note.Title), note.CreatedAt);
            await db.SaveChangesAsync();
            rolledBackMessage = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
            rolledBackNote = note.Id;
            await transaction.RollbackAsync();
        }

        var committedNote = await CommitNoteAsync(app.Services, UniqueTitle());

        await processor.DispatchPendingAsync(CancellationToken.None);

        (await ReceivedAsync(committedNote)).Count.ShouldBe(2);
        (await ReceivedAsync(rolledBackNote)).ShouldBeEmpty();
        await using var check = app.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<ProbeDb>().Outbox.AnyAsync(m => m.Id == rolledBackMessage)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_failing_handler_is_retried_until_it_succeeds_and_a_sibling_that_succeeded_is_not_called_again()
    {
        using var instance = app.WithSettings(("Events:RetryBaseDelayMilliseconds", "1"), ("Events:MaxRetryDelaySeconds", "1"));
        var processor = instance.Services.GetRequiredService<OutboxProcessor>();
        var faults = instance.Services.GetRequiredService<ProbeInboxFaults>();
        var title = UniqueTitle();
        faults.FailRecorder(title, times: 2);
        var noteId = await CommitNoteAsync(instance.Services, title);

        await DispatchUntilAsync(processor, async () => (await OutboxMessageAsync(noteId))!.ProcessedAt is not null);

        var received = await ReceivedAsync(noteId);
        received.Where(e => e.Handler == nameof(ProbeInboxRecorder)).ShouldHaveSingleItem().Attempt.ShouldBe(3);
        received.Where(e => e.Handler == nameof(ProbeInboxAuditor)).ShouldHaveSingleItem().Attempt.ShouldBe(1);
        faults.Invocations<ProbeInboxRecorder>(title).ShouldBe(3);
        faults.Invocations<ProbeInboxAuditor>(title).ShouldBe(1);
        var message = (await OutboxMessageAsync(noteId))!;
        message.Attempts.ShouldBe(2);
        message.ProcessedAt.ShouldNotBeNull();
        message.DeadLetteredAt.ShouldBeNull();
        message.LastError!.ShouldContain("Probe inbox fault injected");
        (await ReceiptsAsync(message.Id)).Order().ShouldBe([typeof(ProbeInboxAuditor).FullName, typeof(ProbeInboxRecorder).FullName]);
    }

    [Fact]
    public async Task A_failed_message_waits_for_its_backoff_before_the_next_attempt()
    {
        using var instance = app.WithSettings(("Events:RetryBaseDelayMilliseconds", "60000"));
        var processor = instance.Services.GetRequiredService<OutboxProcessor>();
        var faults = instance.Services.GetRequiredService<ProbeInboxFaults>();
        var title = UniqueTitle();
        faults.FailRecorder(title, times: 1);
        var noteId = await CommitNoteAsync(instance.Services, title);

        var failedAt = DateTimeOffset.UtcNow;
        await processor.DispatchPendingAsync(CancellationToken.None);
        await processor.DispatchPendingAsync(CancellationToken.None);

        faults.Invocations<ProbeInboxRecorder>(title).ShouldBe(1);
        var message = (await OutboxMessageAsync(noteId))!;
        message.Attempts.ShouldBe(1);
        message.ProcessedAt.ShouldBeNull();
        message.LockedBy.ShouldBeNull();
        message.LockedUntil.ShouldBeNull();
        message.LastError!.ShouldStartWith(typeof(ProbeInboxRecorder).FullName!);
        message.LastError.ShouldNotContain(" at ");
        message.NextAttemptAt.ShouldBeInRange(failedAt.AddSeconds(55), failedAt.AddSeconds(65));
        (await ReceivedAsync(noteId)).ShouldHaveSingleItem().Handler.ShouldBe(nameof(ProbeInboxAuditor));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_dead_lettered_after_the_maximum_attempts()
    {
        using var instance = app.WithSettings(("Events:MaxAttempts", "3"), ("Events:RetryBaseDelayMilliseconds", "1"));
        var processor = instance.Services.GetRequiredService<OutboxProcessor>();
        var faults = instance.Services.GetRequiredService<ProbeInboxFaults>();
        var title = UniqueTitle();
        faults.FailRecorder(title, times: int.MaxValue);
        var noteId = await CommitNoteAsync(instance.Services, title);
        var backlogWithIt = await processor.CountBacklogAsync(CancellationToken.None);

        await DispatchUntilAsync(processor, async () => (await OutboxMessageAsync(noteId))!.DeadLetteredAt is not null);
        await Task.Delay(50);
        await processor.DispatchPendingAsync(CancellationToken.None);

        var message = (await OutboxMessageAsync(noteId))!;
        message.DeadLetteredAt.ShouldNotBeNull();
        message.Attempts.ShouldBe(3);
        message.ProcessedAt.ShouldBeNull();
        faults.Invocations<ProbeInboxRecorder>(title).ShouldBe(3);
        faults.Invocations<ProbeInboxAuditor>(title).ShouldBe(1);
        (await ReceivedAsync(noteId)).ShouldHaveSingleItem().Handler.ShouldBe(nameof(ProbeInboxAuditor));
        (await processor.CountBacklogAsync(CancellationToken.None)).ShouldBeLessThan(backlogWithIt);
    }

    [Fact]
    public async Task Concurrent_dispatchers_deliver_each_message_exactly_once()
    {
        const int Messages = 100;
        using var first = app.WithSettings(("Events:BatchSize", "5"));
        using var second = app.WithSettings(("Events:BatchSize", "5"));
        var prefix = UniqueTitle();
        var titles = Enumerable.Range(0, Messages).Select(i => $"{prefix}-{i:000}").ToList();
        await CommitNotesAsync(app.Services, titles);

        // Two dispatch loops per started instance, released together; a loop stops once it finds nothing left to claim.
        var dispatchers = new[] { first, second, first, second }.Select(instance => instance.Services.GetRequiredService<OutboxProcessor>()).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var loops = dispatchers.ConvertAll(processor => Task.Run(async () =>
        {
            await start.Task;
            while (await processor.DispatchPendingAsync(timeout.Token) > 0)
            {
            }
        }));
        start.SetResult();
        await Task.WhenAll(loops);

        await using var scope = app.Services.CreateAsyncScope();
        var received = await scope.ServiceProvider.GetRequiredService<ProbeInboxDb>().Received.AsNoTracking()
            .Where(e => e.Title.StartsWith(prefix)).ToListAsync();
        received.GroupBy(e => (e.NoteId, e.Handler)).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        received.Count.ShouldBe(2 * Messages);
        received.Select(e => e.Title).Distinct().Order().ShouldBe(titles);
        var firstDeliveries = titles.Sum(t => first.Services.GetRequiredService<ProbeInboxFaults>().Invocations<ProbeInboxRecorder>(t));
        var secondDeliveries = titles.Sum(t => second.Services.GetRequiredService<ProbeInboxFaults>().Invocations<ProbeInboxRecorder>(t));
        (firstDeliveries + secondDeliveries).ShouldBe(Messages);
        if (app.Services.GetRequiredService<HealthCore.Platform.Database.DatabaseConnection>().IsPostgres)
        {
            // SQLite serialises writers, so there one instance may legitimately drain everything before the other claims.
            firstDeliveries.ShouldBeGreaterThan(0, "both instances should have taken part");
            secondDeliveries.ShouldBeGreaterThan(0, "both instances should have taken part");
        }
    }

    [Fact]
    public async Task A_message_leased_by_another_dispatcher_is_left_alone_until_the_lease_runs_out()
    {
        var processor = app.Services.GetRequiredService<OutboxProcessor>();
        var noteId = await CommitNoteAsync(app.Services, UniqueTitle());
        var messageId = (await OutboxMessageAsync(noteId))!.Id;
        await SetLeaseAsync(messageId, DateTimeOffset.UtcNow.AddMinutes(1));

        await processor.DispatchPendingAsync(CancellationToken.None);
        var whileLeased = await ReceivedAsync(noteId);
        await SetLeaseAsync(messageId, DateTimeOffset.UtcNow.AddSeconds(-1));
        await processor.DispatchPendingAsync(CancellationToken.None);

        whileLeased.ShouldBeEmpty();
        (await ReceivedAsync(noteId)).Count.ShouldBe(2);
        (await OutboxMessageAsync(noteId))!.ProcessedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_event_nobody_subscribes_to_is_marked_processed_in_whichever_module_published_it()
    {
        var processor = app.Services.GetRequiredService<OutboxProcessor>();
        await using var scope = app.Services.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<ProbeInboxDb>();
        inbox.Publish(new NobodyListens(Guid.CreateVersion7()), DateTimeOffset.UtcNow);
        await inbox.SaveChangesAsync();
        var messageId = inbox.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;

        await processor.DispatchPendingAsync(CancellationToken.None);

        var message = await inbox.Outbox.AsNoTracking().SingleAsync(m => m.Id == messageId);
        message.ProcessedAt.ShouldNotBeNull();
        message.Attempts.ShouldBe(0);
        (await ReceiptsAsync(messageId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_backlog_counts_undelivered_messages_until_they_are_dispatched()
    {
        var processor = app.Services.GetRequiredService<OutboxProcessor>();
        var before = await processor.CountBacklogAsync(CancellationToken.None);

        await CommitNotesAsync(app.Services, [UniqueTitle(), UniqueTitle(), UniqueTitle()]);
        var pending = await processor.CountBacklogAsync(CancellationToken.None);
        await processor.DispatchPendingAsync(CancellationToken.None);
        var after = await processor.CountBacklogAsync(CancellationToken.None);

        pending.ShouldBe(before + 3);
        after.ShouldBeLessThanOrEqualTo(before);
    }

    [Fact]
    public async Task A_broken_outbox_does_not_keep_other_modules_from_being_dispatched()
    {
        using var instance = app.WithWebHostBuilder(host => host.ConfigureServices(UnmigratedDb.AddFirst));
        var processor = instance.Services.GetRequiredService<OutboxProcessor>();
        var noteId = await CommitNoteAsync(instance.Services, UniqueTitle());

        var failure = await Should.ThrowAsync<AggregateException>(() => processor.DispatchPendingAsync(CancellationToken.None));

        failure.InnerExceptions.ShouldHaveSingleItem();
        (await ReceivedAsync(noteId)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_background_dispatcher_keeps_delivering_after_a_failed_pass()
    {
        using var instance = app.WithWebHostBuilder(host =>
        {
            host.UseSetting("Events:Enabled", "true");
            host.UseSetting("Events:PollIntervalMilliseconds", "50");
            host.ConfigureServices(UnmigratedDb.AddFirst);
        });
        _ = instance.Server;

        // Every pass fails on the broken module, so the second note can only arrive if passes go on after a failure.
        var firstNote = await CommitNoteAsync(instance.Services, UniqueTitle());
        (await EventuallyAsync(() => ReceivedAsync(firstNote), entries => entries.Count == 2)).Count.ShouldBe(2);
        var secondNote = await CommitNoteAsync(instance.Services, UniqueTitle());
        (await EventuallyAsync(() => ReceivedAsync(secondNote), entries => entries.Count == 2)).Count.ShouldBe(2);
    }

    private static string UniqueTitle() => $"note-{Guid.CreateVersion7():N}";

    private static ProbeNote NewNote(string title) =>
        new() { Title = title, TenantId = Guid.CreateVersion7(), CreatedAt = DateTimeOffset.UtcNow };

    private static async Task<Guid> CommitNoteAsync(IServiceProvider services, string title) =>
        (await CommitNotesAsync(services, [title])).Single();

    private static async Task<List<Guid>> CommitNotesAsync(IServiceProvider services, IReadOnlyList<string> titles)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbeDb>();
        var notes = titles.Select(NewNote).ToList();
        foreach (var note in notes)
        {
            db.Notes.Add(note);
            db.Publish(new ProbeNoteCreated(note.Id, note.Title), note.CreatedAt);
        }

        await db.SaveChangesAsync();
        return notes.ConvertAll(n => n.Id);
    }

    private async Task<List<ProbeInboxEntry>> ReceivedAsync(Guid noteId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProbeInboxDb>().Received.AsNoTracking()
            .Where(e => e.NoteId == noteId).ToListAsync();
    }

    private async Task<OutboxMessage?> OutboxMessageAsync(Guid noteId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var payloadMarker = noteId.ToString();
        return await scope.ServiceProvider.GetRequiredService<ProbeDb>().Outbox.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Payload.Contains(payloadMarker));
    }

    private async Task SetLeaseAsync(Guid messageId, DateTimeOffset lockedUntil)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProbeDb>().Outbox.Where(m => m.Id == messageId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.LockedUntil, lockedUntil)
            .SetProperty(m => m.LockedBy, Guid.CreateVersion7()));
    }

    private async Task<List<string>> ReceiptsAsync(Guid messageId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDb>().ProcessedMessages.AsNoTracking()
            .Where(p => p.MessageId == messageId).Select(p => p.Handler).ToListAsync();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTimeOffset.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(25);
        }
    }

    private static async Task DispatchUntilAsync(OutboxProcessor processor, Func<Task<bool>> done)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!await done())
        {
            DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, "the dispatcher did not get there in time");
            await processor.DispatchPendingAsync(CancellationToken.None);
            await Task.Delay(10);
        }
    }
}

internal sealed record NobodyListens(Guid Id);

[Collection(EventsPostgresCollection.Name)]
public sealed class OutboxTests_on_Postgres(EventsPostgresApp app) : OutboxTests(app);

[Collection(EventsSqliteCollection.Name)]
public sealed class OutboxTests_on_Sqlite(EventsSqliteApp app) : OutboxTests(app);
