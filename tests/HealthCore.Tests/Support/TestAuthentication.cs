using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HealthCore.Tests.Support;

/// <summary>
/// Until the identity module issues real tokens, platform tests act for a tenant and user named in test headers.
/// This scheme exists only in the test project.
/// </summary>
internal sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string SelectorSchemeName = "TestOrBearer";
    public const string TenantHeader = "X-Test-Tenant";
    public const string UserHeader = "X-Test-User";
    public const string NameHeader = "X-Test-Name";
    public const string RolesHeader = "X-Test-Roles";

    /// <summary>Comma-separated facility ids the caller is assigned to; without it the caller acts tenant-wide.</summary>
    public const string FacilitiesHeader = "X-Test-Facilities";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Guid.TryParse(Request.Headers[TenantHeader], out var tenant))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = Guid.TryParse(Request.Headers[UserHeader], out var u) ? u : Guid.Empty;
        var identity = new ClaimsIdentity(
            [new Claim("tenant_id", tenant.ToString()), new Claim("sub", user.ToString()), new Claim(ClaimTypes.NameIdentifier, user.ToString())],
            SchemeName);
        if (Request.Headers[NameHeader].ToString() is { Length: > 0 } name)
        {
            identity.AddClaim(new Claim("name", name));
        }

        foreach (var role in Request.Headers[RolesHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            identity.AddClaim(new Claim("role", role));
        }

        var facilities = Request.Headers[FacilitiesHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var facility in facilities.Length == 0 ? ["*"] : facilities)
        {
            identity.AddClaim(new Claim("facility_ids", facility));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
