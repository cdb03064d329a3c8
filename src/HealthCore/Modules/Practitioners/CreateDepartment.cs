using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

internal static class CreateDepartment
{
    public static async Task<Results<Created<DepartmentResponse>, ValidationProblem, ConflictProblem>> Handle(
        DepartmentInput request, PractitionersDb db, IFacilityDirectory facilities, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await PractitionerChecks.UnknownFacilityAsync(facilities, request.FacilityId, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var code = Department.NormalizeCode(request.Code);
        if (await db.Departments.AnyAsync(d => d.Code == code, cancellationToken))
        {
            return CodeTaken(code);
        }

        var now = clock.GetUtcNow();
        var department = new Department { CreatedAt = now, UpdatedAt = now };
        department.Apply(request);
        db.Departments.Add(department);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return CodeTaken(code);
        }

        http.SetETag(department);
        return TypedResults.Created($"/api/v1/departments/{department.Id}", DepartmentResponse.From(department));
    }

    public static ConflictProblem CodeTaken(string code) =>
        new("Department code already in use.", $"Another department of this tenant has code '{code}'.", new Dictionary<string, object?> { ["field"] = "code" });
}
