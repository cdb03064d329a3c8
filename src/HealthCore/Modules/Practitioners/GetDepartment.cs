using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

internal static class GetDepartment
{
    public static async Task<Results<Ok<DepartmentResponse>, NotFoundProblem>> Handle(
        Guid id, PractitionersDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (department is null)
        {
            return NotFoundProblem.For("Department", id);
        }

        http.SetETag(department);
        return TypedResults.Ok(DepartmentResponse.From(department));
    }
}
