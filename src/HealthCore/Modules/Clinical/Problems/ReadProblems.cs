using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class ReadProblems
{
    public static async Task<Results<Ok<ProblemList>, NotFoundProblem>> List(Guid id, ClinicalDb db, IPatientDirectory patients, CancellationToken cancellationToken)
    {
        if (await patients.FindAsync(id, cancellationToken) is null)
        {
            return NotFoundProblem.For("Patient", id);
        }

        var problems = await db.Problems.AsNoTracking().Where(p => p.PatientId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ProblemList([.. problems.OrderBy(p => p.RecordedAt).ThenBy(p => p.Id).Select(p => ProblemResponse.From(p))]));
    }

    public static async Task<Results<Ok<ProblemResponse>, NotFoundProblem>> Get(Guid id, ClinicalDb db, HttpContext http, CancellationToken cancellationToken)
    {
        if (await db.Problems.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } problem)
        {
            return NotFoundProblem.For("Problem", id);
        }

        http.SetETag(problem);
        return TypedResults.Ok(ProblemResponse.From(problem));
    }

    public static async Task<Results<Ok<HistoryList<ProblemResponse>>, NotFoundProblem>> History(Guid id, ClinicalDb db, CancellationToken cancellationToken) =>
        await db.Problems.AnyAsync(p => p.Id == id, cancellationToken)
            ? TypedResults.Ok(await db.ReadAsync<ProblemResponse>(id, cancellationToken))
            : NotFoundProblem.For("Problem", id);
}
