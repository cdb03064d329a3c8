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
        notes.MapPost("/explode", Explode);
    }

    private static async Task<Created<ProbeNoteResponse>> Create(CreateProbeNote request, ProbeDb db, TimeProvider clock, HttpContext http)
    {
        var note = new ProbeNote { Title = request.Title, CreatedAt = clock.GetUtcNow(), DueAt = request.DueAt };
        db.Notes.Add(note);
        db.Publish(new ProbeNoteCreated(note.Id, note.Title), note.CreatedAt);
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

    private static Ok Explode() => throw new InvalidOperationException("secret internal detail: connection=Host=db;Password=hunter2");
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
