using System.Security.Claims;

namespace HealthCore.Platform.Security;

internal sealed class CurrentTenantFromClaims(IHttpContextAccessor accessor) : ICurrentTenant
{
    public const string TenantClaim = "tenant_id";

    public Guid? TenantId => ReadGuid(TenantClaim);

    public Guid? UserId => ReadGuid(ClaimTypes.NameIdentifier) ?? ReadGuid("sub");

    private Guid? ReadGuid(string claimType) =>
        Guid.TryParse(accessor.HttpContext?.User.FindFirst(claimType)?.Value, out var id) ? id : null;
}
