using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>A partial update: omitted (or null) fields stay as they are. Roles and deactivation have their own actions.</summary>
internal sealed record UpdateUserRequest(
    [StringLength(200, MinimumLength = 1)] string? DisplayName,
    [MinLength(1), MaxLength(UserAssignments.MaxFacilities)] Guid[]? FacilityIds);

internal static class UpdateUser
{
    public static async Task<Results<Ok<UserResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem>> Handle(
        Guid id, UpdateUserRequest request, IdentityDb db, SecurityStamps stamps, HttpContext http, CancellationToken cancellationToken)
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

        if (request.DisplayName is { } displayName && string.IsNullOrWhiteSpace(displayName))
        {
            return FieldErrors.Invalid("displayName", "The display name must not be blank.");
        }

        if (request.FacilityIds is { } requested)
        {
            var (facilityIds, invalid) = await UserAssignments.TenantFacilitiesAsync(db, requested, cancellationToken);
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

        user.DisplayName = request.DisplayName?.Trim() ?? user.DisplayName;
        await db.SaveChangesAsync(cancellationToken);
        stamps.Forget(user.Id);

        http.SetETag(user);
        return TypedResults.Ok(UserResponse.From(user));
    }
}
