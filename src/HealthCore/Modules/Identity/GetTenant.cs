using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed record TenantResponse(Guid Id, string Code, string Name, bool Active, DateTimeOffset CreatedAt)
{
    public static TenantResponse From(Tenant t) => new(t.Id, t.Code, t.Name, t.Active, t.CreatedAt);
}

internal static class GetTenant
{
    public static async Task<Results<Ok<TenantResponse>, NotFoundProblem>> Handle(Guid id, IdentityDb db, CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken) is { } tenant
            ? TypedResults.Ok(TenantResponse.From(tenant))
            : NotFoundProblem.For("Tenant", id);
}
