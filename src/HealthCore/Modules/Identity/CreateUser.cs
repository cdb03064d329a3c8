using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed record CreateUserRequest(
    [Required, RegularExpression(User.UsernamePattern, ErrorMessage = User.UsernameRule)] string Username,
    [Required, StringLength(200)] string DisplayName,
    [Required, NewPassword][property: Description(PasswordPolicy.Rule)] string Password,
    [Required, MinLength(1), MaxLength(UserAssignments.MaxRoles)] string[] Roles,
    [Required, MinLength(1), MaxLength(UserAssignments.MaxFacilities)] Guid[] FacilityIds);

internal static class CreateUser
{
    public static async Task<Results<Created<UserResponse>, ValidationProblem, ForbiddenProblem, ConflictProblem>> Handle(
        CreateUserRequest request, IdentityDb db, IPasswordHasher<User> hasher, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (roles, invalidRoles) = UserAssignments.CanonicalRoles(request.Roles);
        if (invalidRoles is not null)
        {
            return invalidRoles;
        }

        if (UserAssignments.TouchesPlatformAdmin([], roles) && !UserAssignments.IsPlatformAdmin(http.User))
        {
            return UserAssignments.PlatformAdminOnly;
        }

        if (PasswordPolicy.Check(request.Password, request.Username) is { } weakness)
        {
            return FieldErrors.Invalid("password", weakness);
        }

        var (facilityIds, invalidFacilities) = await UserAssignments.TenantFacilitiesAsync(db, request.FacilityIds, cancellationToken);
        if (invalidFacilities is not null)
        {
            return invalidFacilities;
        }

        var normalized = User.Normalize(request.Username);
        if (await db.Users.AnyAsync(u => u.NormalizedUsername == normalized, cancellationToken))
        {
            return UsernameTaken(request.Username);
        }

        var user = new User
        {
            DisplayName = request.DisplayName.Trim(),
            Roles = roles,
            FacilityIds = facilityIds,
            CreatedAt = clock.GetUtcNow(),
        };
        user.SetUsername(request.Username);
        user.PasswordHash = hasher.HashPassword(user, request.Password);
        db.Users.Add(user);
        if (!await db.SaveUnlessDuplicateAsync(cancellationToken))
        {
            return UsernameTaken(request.Username);
        }

        http.SetETag(user);
        return TypedResults.Created($"/api/v1/users/{user.Id}", UserResponse.From(user));
    }

    private static ConflictProblem UsernameTaken(string username) =>
        new("The username is taken.", $"The tenant already has a user named '{username.Trim()}'; usernames are unique per tenant, without regard to case.");
}
