using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>A user as the API shows it: never the password hash, security stamp or lockout counters.</summary>
internal sealed record UserResponse(
    Guid Id, string Username, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<Guid> FacilityIds, bool Active, int Version,
    DateTimeOffset CreatedAt)
{
    public static UserResponse From(User user) =>
        new(user.Id, user.Username, user.DisplayName, user.Roles, user.FacilityIds, user.Active, user.Version, user.CreatedAt);
}

internal static class ListUsers
{
    public static Task<Results<Ok<Page<UserResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page, IdentityDb db, CursorCodec cursors, CancellationToken cancellationToken) =>
        KeysetPaging.ByGuidAsync(db.Users.AsNoTracking(), u => u.Id, page, cursors, UserResponse.From, cancellationToken);
}
