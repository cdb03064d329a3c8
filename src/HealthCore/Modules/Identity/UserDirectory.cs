using HealthCore.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed class UserDirectory(IdentityDb db) : IUserDirectory
{
    public Task<bool> ExistsAsync(Guid userId, CancellationToken cancellationToken) => db.Users.AnyAsync(u => u.Id == userId, cancellationToken);
}
