using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Laboratory;

internal static class GetLabTest
{
    public static async Task<Results<Ok<LabTestResponse>, NotFoundProblem>> Handle(
        string code, LaboratoryDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var catalog = await db.Tests.LoadReachableAsync([code], cancellationToken);
        if (!catalog.TryGetValue(code, out var test))
        {
            return LabTestProblems.NotFound(code);
        }

        http.SetETag(test);
        return TypedResults.Ok(LabTestResponse.From(test, catalog));
    }
}

internal static class LabTestProblems
{
    public static NotFoundProblem NotFound(string code) =>
        new("The test does not exist.", $"There is no test or panel with code '{code}' in this tenant's laboratory catalogue.");
}
