using HealthCore.Modules.Identity.Contracts;
using System.Text.Json;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

internal static class UpdateDepartment
{
    public static async Task<Results<Ok<DepartmentResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem, ConflictProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, PractitionersDb db, MergePatch mergePatch, IFacilityDirectory facilities, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (department is null)
        {
            return NotFoundProblem.For("Department", id);
        }

        if (db.CheckIfMatch(http.Request, department) is { } precondition)
        {
            return precondition;
        }

        var (input, problem) = mergePatch.Apply(department.ToInput(), patch);
        if (problem is not null)
        {
            return problem;
        }

        if (input!.FacilityId != department.FacilityId && await PractitionerChecks.UnknownFacilityAsync(facilities, input.FacilityId, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var code = Department.NormalizeCode(input.Code);
        if (code != department.Code && await db.Departments.AnyAsync(d => d.Code == code, cancellationToken))
        {
            return CreateDepartment.CodeTaken(code);
        }

        department.Apply(input);
        if (db.ChangeTracker.HasChanges())
        {
            department.UpdatedAt = clock.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.IsUniqueViolation())
            {
                return CreateDepartment.CodeTaken(code);
            }
        }

        http.SetETag(department);
        return TypedResults.Ok(DepartmentResponse.From(department));
    }
}
