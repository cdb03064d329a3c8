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

    public FacilityAccess Facilities => explicitly is not null || accessor.HttpContext?.User is not { Identity.IsAuthenticated: true } principal
        ? FacilityAccess.Tenant
        : FacilityAccess.FromClaims(principal.FindAll(FacilityAccess.Claim).Select(claim => claim.Value));

    public void ActAs(Guid? tenantId, Guid? userId) => explicitly = (tenantId, userId);

    /// <summary>
    /// Acts for another tenant (e.g. to stamp a new tenant's first rows) until the returned scope is disposed, then
    /// reverts to whatever was in effect before.
    /// </summary>
    public IDisposable ActingFor(Guid? tenantId, Guid? userId)
    {
        var previous = explicitly;
        explicitly = (tenantId, userId);
        return new Revert(this, previous);
    }

    private Guid? ReadGuid(string claimType) =>
        Guid.TryParse(accessor.HttpContext?.User.FindFirst(claimType)?.Value, out var id) ? id : null;

    private sealed class Revert(CurrentTenant owner, (Guid? Tenant, Guid? User)? previous) : IDisposable
    {
        public void Dispose() => owner.explicitly = previous;
    }
}
