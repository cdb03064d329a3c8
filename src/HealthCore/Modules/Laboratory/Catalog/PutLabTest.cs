using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>Creates the tenant's definition under the code (201), or replaces it (200, If-Match required); a replaced test is active again.</summary>
internal static class PutLabTest
{
    public static async Task<Results<Created<LabTestResponse>, Ok<LabTestResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem>> Handle(
        string code, LabTestInput request, LaboratoryDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (request.Code is not null && request.Code != code)
        {
            return FieldErrors.Invalid("code", "The code in the body, when given, is the code in the path.");
        }

        var input = request with { Code = code };
        var errors = await CatalogChanges.ValidateAsync(db, [(input, "")], cancellationToken);
        if (errors.Count > 0)
        {
            return FieldErrors.Invalid(errors.ToDictionary());
        }

        var now = clock.GetUtcNow();
        var test = await db.Tests.SingleOrDefaultAsync(t => t.Code == code, cancellationToken);
        var created = test is null;
        if (test is null)
        {
            // If-Match names a definition to replace; in this tenant's catalogue there is none.
            if (http.Request.Headers.IfMatch.Count > 0)
            {
                return LabTestProblems.NotFound(code);
            }

            test = new LabTest { Code = code, CreatedAt = now };
            db.Tests.Add(test);
        }
        else if (db.CheckIfMatch(http.Request, test) is { } precondition)
        {
            return precondition;
        }

        LabTestRules.Apply(test, input, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return new PreconditionProblem(
                StatusCodes.Status412PreconditionFailed, "The test was defined by someone else meanwhile.", "Read it, then replace it with its ETag in If-Match.");
        }

        http.SetETag(test);
        var response = LabTestResponse.From(test, await db.Tests.LoadReachableAsync(test.Members, cancellationToken));
        return created
            ? TypedResults.Created($"/api/v1/lab/tests/{Uri.EscapeDataString(code)}", response)
            : TypedResults.Ok(response);
    }
}
