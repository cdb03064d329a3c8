using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>A user's editable fields, the document a PATCH merges into. Roles and deactivation have their own actions.</summary>
internal sealed record UserInput(
    [Required, StringLength(200, MinimumLength = 1)] string DisplayName,
    [Required, MinLength(1), MaxLength(UserAssignments.MaxFacilities)] Guid[] FacilityIds);

internal static class UpdateUser
{
    public static async Task<Results<Ok<UserResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, IdentityDb db, MergePatch mergePatch, SecurityStamps stamps, HttpContext http,
        CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFoundProblem.For("User", id);
        }

        if (db.CheckIfMatch(http.Request, user) is { } precondition)
        {
            return precondition;
        }

        var (input, problem) = mergePatch.Apply(new UserInput(user.DisplayName, user.FacilityIds), patch);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(input!.DisplayName))
        {
            return FieldErrors.Invalid("displayName", "The display name must not be blank.");
        }

        // Only a changed assignment is checked, so renaming a user whose site has since closed still works.
        if (!input.FacilityIds.ToHashSet().SetEquals(user.FacilityIds))
        {
            var (facilityIds, invalid) = await UserAssignments.TenantFacilitiesAsync(db, input.FacilityIds, cancellationToken);
            if (invalid is not null)
            {
                return invalid;
            }

            // Tokens carry the facilities (see UserAssignments.FacilityClaim): a change ends those already issued.
            if (!facilityIds.ToHashSet().SetEquals(user.FacilityIds))
            {
                user.FacilityIds = facilityIds;
                user.RenewSecurityStamp();
            }
        }

        user.DisplayName = input.DisplayName.Trim();
        await db.SaveChangesAsync(cancellationToken);
        stamps.Forget(user.Id);

        http.SetETag(user);
        return TypedResults.Ok(UserResponse.From(user));
    }
}
