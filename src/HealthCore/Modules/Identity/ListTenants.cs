using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>Platform administration: every tenant, not only the caller's (tenants are not tenant-owned rows).</summary>
internal static class ListTenants
{
    public static Task<Results<Ok<Page<TenantResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page, IdentityDb db, CursorCodec cursors, CancellationToken cancellationToken) =>
        KeysetPaging.ByGuidAsync(db.Tenants.AsNoTracking(), t => t.Id, page, cursors, TenantResponse.From, cancellationToken);
}
