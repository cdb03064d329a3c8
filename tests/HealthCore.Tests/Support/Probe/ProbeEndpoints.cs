using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using HealthCore.Platform;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Support.Probe;

internal sealed record CreateProbeNote([Required, StringLength(200, MinimumLength = 1)] string Title, DateTimeOffset? DueAt);

internal sealed record UpdateProbeNote([Required, StringLength(200, MinimumLength = 1)] string Title);

internal sealed record ProbeNoteResponse(Guid Id, string Title, int Version, DateTimeOffset CreatedAt, DateTimeOffset? DueAt)
{
    public static ProbeNoteResponse From(ProbeNote note) => new(note.Id, note.Title, note.Version, note.CreatedAt, note.DueAt);
}

internal sealed record ProbeCursor(Guid After);

internal enum ProbePriority
{
    Routine,
    Urgent,
    AsSoonAsPossible,
}

internal sealed record ProbeEcho(ProbePriority Priority, DateTimeOffset At);

internal sealed class ProbeEndpoints : IHostedEndpoints
{
    public void Map(RouteGroupBuilder api)
    {
        var notes = api.MapGroup("/probe-notes").WithTags("Probe").RequireAuthorization();
        notes.MapPost("/", Create);
        notes.MapGet("/{id:guid}", Get).AuditRead("ProbeNote");
        notes.MapPatch("/{id:guid}", Update);
        notes.MapGet("/", List);
        notes.MapGet("/due-before", DueBefore);
        notes.MapGet("/tracked-at-start", TrackedAtStart);
        notes.MapPost("/explode", Explode);
        notes.MapPost("/echo", Echo);
        notes.MapPost("/respond/{status:int}", Respond);
        notes.MapPost("/write-directly", WriteDirectly);
    }

    private static async Task<Created<ProbeNoteResponse>> Create(CreateProbeNote request, ProbeDb db, TimeProvider clock, HttpContext http)
    {
        var note = new ProbeNote { Title = request.Title, CreatedAt = clock.GetUtcNow(), DueAt = request.DueAt };
        db.Notes.Add(note);
        db.Publish(new ProbeNoteCreated(note.Id, note.Title), note.CreatedAt);
        await ProbeGates.PassAsync(http);
        await db.SaveChangesAsync();
        http.SetETag(note);
        return TypedResults.Created($"/api/v1/probe-notes/{note.Id}", ProbeNoteResponse.From(note));
    }

    private static async Task<Results<Ok<ProbeNoteResponse>, NotFoundProblem>> Get(Guid id, ProbeDb db, HttpContext http)
    {
        var note = await db.Notes.FindAsync(id);
        if (note is null)
        {
            return NotFoundProblem.For("Probe note", id);
        }

        http.SetETag(note);
        return TypedResults.Ok(ProbeNoteResponse.From(note));
    }

    private static async Task<Results<Ok<ProbeNoteResponse>, NotFoundProblem, PreconditionProblem>> Update(
        Guid id, UpdateProbeNote request, ProbeDb db, HttpContext http)
    {
        var note = await db.Notes.SingleOrDefaultAsync(n => n.Id == id);
        if (note is null)
        {
            return NotFoundProblem.For("Probe note", id);
        }

        if (db.CheckIfMatch(http.Request, note) is { } precondition)
        {
            return precondition;
        }

        note.Title = request.Title;
        await ProbeGates.PassAsync(http);
        await db.SaveChangesAsync();
        http.SetETag(note);
        return TypedResults.Ok(ProbeNoteResponse.From(note));
    }

    private static async Task<Results<Ok<Page<ProbeNoteResponse>>, ValidationProblem>> List(
        [AsParameters] PageRequest page, ProbeDb db, CursorCodec cursors)
    {
        var query = db.Notes.AsNoTracking().OrderBy(n => n.Id).AsQueryable();
        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<ProbeCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(n => n.Id.CompareTo(position!.After) > 0);
        }

        var rows = await query.Take(page.EffectiveLimit + 1).ToListAsync();
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, n => cursors.Encode(new ProbeCursor(n.Id)), ProbeNoteResponse.From));
    }

    private static async Task<Ok<List<ProbeNoteResponse>>> DueBefore(DateTimeOffset instant, ProbeDb db)
    {
        var due = await db.Notes.AsNoTracking().Where(n => n.DueAt < instant).OrderByDescending(n => n.DueAt).ToListAsync();
        return TypedResults.Ok(due.ConvertAll(ProbeNoteResponse.From));
    }

    /// <summary>How many entities the handler's DbContext tracks before the handler has done anything: should be none.</summary>
    private static Ok<int> TrackedAtStart(ProbeDb db) => TypedResults.Ok(db.ChangeTracker.Entries().Count());

    /// <summary>Answers with the given status and a body unique to this execution, so a replay is recognisable.</summary>
    private static IResult Respond(int status) =>
        status < 400
            ? TypedResults.Json(new { execution = Guid.NewGuid() }, statusCode: status)
            : TypedResults.Problem(statusCode: status, title: $"Probe answered {status}.", detail: Guid.NewGuid().ToString());

    private static async Task WriteDirectly(HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status201Created;
        http.Response.ContentType = "text/plain";
        await http.Response.WriteAsync($"execution {Guid.NewGuid()}", cancellationToken);
    }

    private static Ok<ProbeEcho> Echo(ProbeEcho request) => TypedResults.Ok(request);

    private static Ok Explode() => throw new InvalidOperationException("secret internal detail: connection=Host=db;Password=hunter2");
}

/// <summary>
/// Lets a test hold requests inside a handler (named by the X-Probe-Gate header) until it opens the gate, to create
/// "in flight" and "both read the same version" situations deterministically, on any app instance in the process.
/// </summary>
internal sealed class ProbeGate(int expected)
{
    private readonly TaskCompletionSource allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int arrived;

    public string Name { get; } = Guid.NewGuid().ToString("N");

    public Task AllArrived => allArrived.Task;

    public void Open() => opened.TrySetResult();

    public async Task PassAsync()
    {
        if (Interlocked.Increment(ref arrived) >= expected)
        {
            allArrived.TrySetResult();
        }

        await opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}

internal static class ProbeGates
{
    public const string Header = "X-Probe-Gate";
    private static readonly ConcurrentDictionary<string, ProbeGate> Gates = new(StringComparer.Ordinal);

    public static ProbeGate Create(int expected)
    {
        var gate = new ProbeGate(expected);
        Gates[gate.Name] = gate;
        return gate;
    }

    public static Task PassAsync(HttpContext http) =>
        http.Request.Headers[Header].ToString() is { Length: > 0 } name && Gates.TryGetValue(name, out var gate)
            ? gate.PassAsync()
            : Task.CompletedTask;
}

internal static class ProbeModule
{
    public static IServiceCollection AddProbeModule(this IServiceCollection services)
    {
        services.AddModuleDb<ProbeDb>();
        services.AddSingleton<IHostedEndpoints, ProbeEndpoints>();
        services.AddProbeInbox();
        return services;
    }
}
