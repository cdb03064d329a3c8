using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed record UserResponse(
    Guid Id, string Username, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<Guid> FacilityIds, bool Active, int Version)
{
    public static UserResponse From(User user) =>
        new(user.Id, user.Username, user.DisplayName, user.Roles, user.FacilityIds, user.Active, user.Version);
}

internal sealed record UserCursor(Guid After);

internal static class ListUsers
{
    public static async Task<Results<Ok<Page<UserResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page, IdentityDb db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking().OrderBy(u => u.Id).AsQueryable();
        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<UserCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(u => u.Id.CompareTo(position!.After) > 0);
        }

        var rows = await query.Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, u => cursors.Encode(new UserCursor(u.Id)), UserResponse.From));
    }
}
