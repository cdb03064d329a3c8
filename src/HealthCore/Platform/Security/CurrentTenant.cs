using System.Security.Claims;

namespace HealthCore.Platform.Security;

/// <summary>
/// The tenant and user of the current scope: taken from the authenticated principal in a request, or set
/// explicitly with <see cref="ActAs"/> by work that runs outside a request (event handlers, bootstrap).
/// </summary>
internal sealed class CurrentTenant(IHttpContextAccessor accessor) : ICurrentTenant
{
    public const string TenantClaim = "tenant_id";

    private (Guid? Tenant, Guid? User)? explicitly;

    public Guid? TenantId => explicitly is { } set ? set.Tenant : ReadGuid(TenantClaim);

    public Guid? UserId => explicitly is { } set ? set.User : ReadGuid(ClaimTypes.NameIdentifier) ?? ReadGuid("sub");

    public void ActAs(Guid? tenantId, Guid? userId) => explicitly = (tenantId, userId);

    private Guid? ReadGuid(string claimType) =>
        Guid.TryParse(accessor.HttpContext?.User.FindFirst(claimType)?.Value, out var id) ? id : null;
}
