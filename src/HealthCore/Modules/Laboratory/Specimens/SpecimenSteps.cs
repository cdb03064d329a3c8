using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// Runs one action on a specimen (receive, reject): loads it with its request and items (404, also when the request's
/// facility is not the caller's), checks If-Match when sent (412), lets the step decide (a problem, or changes to the
/// tracked rows), saves under both versions (409 when someone else's step won) and answers the specimen with its ETag.
/// </summary>
internal static class SpecimenSteps
{
    /// <summary>How far ahead of the server's clock a stated time may be (the clocks of handheld devices drift).</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(1);

    public static async Task<LoadedSpecimen?> LoadAsync(LaboratoryDb db, Guid id, bool track, CancellationToken cancellationToken)
    {
        var specimens = track ? db.Specimens : db.Specimens.AsNoTracking();
        if (await specimens.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } specimen)
        {
            return null;
        }

        var requests = track ? db.Requests : db.Requests.AsNoTracking();
        return await requests.Include(r => r.Items).SingleOrDefaultAsync(r => r.Id == specimen.RequestId, cancellationToken) is { } request
            ? new LoadedSpecimen(specimen, request)
            : null;
    }

    public static async Task<Results<Ok<SpecimenResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, UnprocessableProblem>> RunAsync(
        Guid id, LaboratoryDb db, TimeProvider clock, HttpContext http, Func<Specimen, LabRequest, DateTimeOffset, ApiProblem?> step, CancellationToken cancellationToken)
    {
        if (await LoadAsync(db, id, track: true, cancellationToken) is not { } loaded)
        {
            return SpecimenProblems.NotFound(id);
        }

        var (specimen, request) = loaded;

        if (http.Request.Headers.IfMatch.Count > 0 && db.CheckIfMatch(http.Request, specimen) is { } precondition)
        {
            return precondition;
        }

        var now = clock.GetUtcNow();
        switch (step(specimen, request, now))
        {
            case ConflictProblem conflict: return conflict;
            case UnprocessableProblem unprocessable: return unprocessable;
            case { } other: throw new InvalidOperationException($"A specimen step answered {other.GetType().Name}, which its endpoints do not declare.");
        }

        specimen.UpdatedAt = now;
        request.Settle(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SpecimenProblems.ChangedConcurrently();
        }

        http.SetETag(specimen);
        return TypedResults.Ok(SpecimenResponse.From(specimen));
    }

    /// <summary>The items analysed from the specimen, as the request holds them now.</summary>
    public static List<LabRequestItem> ItemsOf(Specimen specimen, LabRequest request) =>
        [.. request.Items.Where(i => i.SpecimenId == specimen.Id).OrderBy(i => i.Sequence)];

    public static UnprocessableProblem? Instant(string field, DateTimeOffset at, DateTimeOffset now, DateTimeOffset notBefore, string notBeforeWhat) =>
        at > now + ClockTolerance ? SpecimenProblems.Unprocessable(field, $"The time is in the future (the server's time is {now:O}).")
        : at < notBefore ? SpecimenProblems.Unprocessable(field, $"The time is before {notBeforeWhat} ({notBefore:O}).")
        : null;

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

internal sealed record LoadedSpecimen(Specimen Specimen, LabRequest Request);
