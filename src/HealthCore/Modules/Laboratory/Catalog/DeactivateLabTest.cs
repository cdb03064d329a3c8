using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// Takes a test or panel off the orderable catalogue; it stays readable (orders and results refer to it) and a PUT
/// brings it back. A test that an active panel contains answers 409 naming the panels: ordering them would order it.
/// </summary>
internal static class DeactivateLabTest
{
    public static async Task<Results<Ok<LabTestResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        string code, LaboratoryDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var test = await db.Tests.SingleOrDefaultAsync(t => t.Code == code, cancellationToken);
        if (test is null)
        {
            return LabTestProblems.NotFound(code);
        }

        if (http.Request.Headers.IfMatch.Count > 0 && db.CheckIfMatch(http.Request, test) is { } precondition)
        {
            return precondition;
        }

        // Members are a JSON column: the panels are few, so they are read and filtered here rather than queried.
        var panels = (await db.Tests.AsNoTracking().Where(t => t.Kind == LabTestKind.Panel && t.Active).ToListAsync(cancellationToken))
            .Where(panel => panel.Members.Contains(code)).Select(panel => panel.Code).ToList();
        if (panels.Count > 0)
        {
            return new ConflictProblem(
                "Active panels contain the test.",
                $"Deactivate or change these panels first: {string.Join(", ", panels)}.",
                new Dictionary<string, object?> { ["panels"] = panels });
        }

        if (test.Active)
        {
            test.Active = false;
            test.UpdatedAt = clock.GetUtcNow();
            db.AuditAs(test, "deactivate");
            await db.SaveChangesAsync(cancellationToken);
        }

        http.SetETag(test);
        return TypedResults.Ok(LabTestResponse.From(test, await db.Tests.LoadReachableAsync(test.Members, cancellationToken)));
    }
}
