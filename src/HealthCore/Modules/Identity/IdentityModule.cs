using System.Threading.RateLimiting;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Identity.Demo;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http.Idempotency;
using HealthCore.Platform.Http;
using HealthCore.Platform.OpenApi;
using HealthCore.Platform.Seeding;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Identity;

internal static class IdentityModule
{
    /// <summary>The stricter per-client limit on login and refresh, against password guessing and token stuffing.</summary>
    public const string AuthRateLimitPolicy = "auth";

    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDb<IdentityDb>();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<SecurityStamps>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, PermissionDeniedResponses>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtValidation>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddScoped<TenantProvisioning>();
        services.AddSingleton<TenantSettingsCache>();
        services.AddScoped<ITenantSettings, TenantSettingsReader>();
        services.AddScoped<IFacilityDirectory, FacilityDirectory>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddSingleton<IdentityBootstrap>();
        services.AddHostedService(provider => provider.GetRequiredService<IdentityBootstrap>());
        services.AddDemoSeeder<IdentityDemoSeeder>(DemoSeederOrder.Tenant);
        services.Configure<OpenApiOptions>("v1", openApi => openApi.AddOperationTransformer<AuthorizationResponses>());

        var limits = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.RateLimit ?? new AuthRateLimitOptions();
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(AuthRateLimitPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter($"auth:{context.Connection.RemoteIpAddress}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                QueueLimit = 0,
            })));
        return services;
    }

    public static RouteGroupBuilder MapIdentity(this RouteGroupBuilder api)
    {
        // Idempotency keys would store issued tokens (login, refresh) and a hash of a password-bearing body
        // (change-password) at rest for a day, and replaying a refresh would defeat refresh-token rotation's reuse
        // detection; logout is idempotent by nature. A client retries these by simply sending them again.
        var auth = api.MapGroup("/auth").WithTags("Identity");
        auth.MapPost("/login", Login.Handle)
            .WithName("login")
            .WithSummary("Sign in")
            .WithDescription("Exchanges tenant, username and password for a bearer access token and a refresh token. Failed attempts count towards a lockout; the endpoint is rate limited per client IP.")
            .WithRequestExample("""{"tenant":"demo","username":"admin","password":"choose-a-long-passphrase"}""")
            .AllowAnonymous().RequireRateLimiting(AuthRateLimitPolicy)
            .WithoutIdempotency("stores issued tokens");
        auth.MapPost("/refresh", Refresh.Handle)
            .WithName("refreshToken")
            .WithSummary("Refresh the access token")
            .WithDescription("Rotates the refresh token and issues a new access token. Presenting a refresh token that was already used revokes the whole chain.")
            .AllowAnonymous().RequireRateLimiting(AuthRateLimitPolicy)
            .WithoutIdempotency("stores issued tokens; defeats rotation reuse detection");
        auth.MapPost("/logout", Logout.Handle)
            .WithName("logout")
            .WithSummary("Sign out")
            .WithDescription("Revokes the given refresh token.")
            .RequireAuthorization().WithoutIdempotency("idempotent by nature");
        auth.MapPost("/change-password", ChangePassword.Handle)
            .WithName("changePassword")
            .WithSummary("Change the caller's password")
            .WithDescription("Needs the current password; the new one has at least 12 characters and is not a common password. Ends every session of the user.")
            .WithRequestExample("""{"currentPassword":"choose-a-long-passphrase","newPassword":"another-long-passphrase"}""")
            .RequireAuthorization().WithoutIdempotency("hashes a password-bearing body at rest");

        api.MapGet("/me", GetMe.Handle)
            .WithName("getMe")
            .WithSummary("Get the caller")
            .WithDescription("The signed-in user's own account.")
            .WithTags("Identity").RequireAuthorization();

        var tenants = api.MapGroup("/tenants").WithTags("Tenants").RequirePermission(Permissions.TenantsManage);
        tenants.MapPost("/", CreateTenant.Handle)
            .WithName("createTenant")
            .WithSummary("Create a tenant")
            .WithDescription("A new hospital group with its first facility and first Admin, who can sign in at once. The new tenant's chain records the three rows; the caller's own chain records that the caller created the tenant.")
            .WithRequestExample("""{"code":"stmary","name":"St Mary Hospital Group","facility":{"code":"central","name":"St Mary Central","timeZone":"Europe/Dublin"},"admin":{"username":"chief.admin","displayName":"Chief Administrator","password":"a-long-first-passphrase"}}""")
            ;
        tenants.MapGet("/", ListTenants.Handle)
            .WithName("listTenants")
            .WithSummary("List tenants")
            .WithDescription("Every tenant (hospital group); platform administrators only.");
        tenants.MapGet("/{id:guid}", GetTenant.Handle)
            .WithName("getTenant")
            .WithSummary("Get a tenant")
            .WithDescription("One tenant; platform administrators only.");

        var facilities = api.MapGroup("/facilities").WithTags("Facilities");
        facilities.MapGet("/", ListFacilities.Handle)
            .WithName("listFacilities")
            .WithSummary("List facilities")
            .WithDescription("The tenant's sites: code, name, address, phone, IANA time zone, active.")
            .RequirePermission(Permissions.FacilitiesRead);
        facilities.MapGet("/{id:guid}", GetFacility.Handle)
            .WithName("getFacility")
            .WithSummary("Get a facility")
            .WithDescription("One facility of the tenant.")
            .RequirePermission(Permissions.FacilitiesRead);
        facilities.MapPost("/", CreateFacility.Handle)
            .WithName("createFacility")
            .WithSummary("Create a facility")
            .WithDescription("The code is unique per tenant (409 otherwise); the time zone defaults to the tenant's. Accepts Idempotency-Key.")
            .RequirePermission(Permissions.FacilitiesWrite);
        facilities.MapPatch("/{id:guid}", UpdateFacility.Handle)
            .WithName("updateFacility")
            .WithSummary("Update a facility")
            .WithDescription("Partially updates a facility (If-Match required): omitted fields stay, an empty string clears address or phone, the code never changes.")
            .RequirePermission(Permissions.FacilitiesWrite).AcceptsMergePatch<FacilityInput>();

        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/", ListUsers.Handle)
            .WithName("listUsers")
            .WithSummary("List users")
            .WithDescription("The tenant's users, never their password hashes.")
            .RequirePermission(Permissions.UsersRead);
        users.MapGet("/{id:guid}", GetUser.Handle)
            .WithName("getUser")
            .WithSummary("Get a user")
            .WithDescription("One user of the tenant.")
            .RequirePermission(Permissions.UsersRead);
        users.MapPost("/", CreateUser.Handle)
            .WithName("createUser")
            .WithSummary("Create a user")
            .WithDescription("Usernames are unique per tenant without regard to case (409); roles must be known and facilities active facilities of the tenant. Accepts Idempotency-Key.")
            .WithRequestExample("""{"username":"j.byrne","displayName":"Jane Byrne","password":"a-long-first-passphrase","roles":["Receptionist"],"facilityIds":["0195a0b2-0000-7000-8000-000000000001"]}""")
            .RequirePermission(Permissions.UsersWrite);
        users.MapPatch("/{id:guid}", UpdateUser.Handle)
            .WithName("updateUser")
            .WithSummary("Update a user")
            .WithDescription("Partially updates a user's display name and facilities (If-Match required).")
            .RequirePermission(Permissions.UsersWrite).AcceptsMergePatch<UserInput>();
        users.MapPost("/{id:guid}/deactivate", DeactivateUser.Handle)
            .WithName("deactivateUser")
            .WithSummary("Deactivate a user")
            .WithDescription("Ends the user's access: no new logins, refresh tokens revoked, and a new security stamp so access tokens already issued fail their next check. Deactivating an inactive user changes nothing and answers the same.")
            .RequirePermission(Permissions.UsersWrite);
        users.MapPost("/{id:guid}/roles", ReplaceUserRoles.Handle)
            .WithName("replaceUserRoles")
            .WithSummary("Replace a user's roles")
            .WithDescription("Replaces the user's roles. A change renews the security stamp, so access tokens carrying the old roles stop working at once; the user's refresh token still works and yields a token with the new roles.")
            .RequirePermission(Permissions.UsersWrite);

        var config = api.MapGroup("/config").WithTags("Configuration");
        config.MapGet("/", GetConfig.Handle)
            .WithName("getConfig")
            .WithSummary("Get the tenant settings")
            .WithDescription("The tenant's settings, with defaults for those never set.")
            .RequirePermission(Permissions.ConfigRead);
        config.MapPatch("/", PatchConfig.Handle)
            .WithName("patchConfig")
            .WithSummary("Change the tenant settings")
            .WithDescription("JSON merge patch (RFC 7396) of the settings: members present are set, null resets a setting (or a feature) to its default, absent ones stay. Names are exact (case-sensitive, as in the RFC); any unknown name or invalid value answers 400 naming it and changes nothing. The first change creates the tenant's row, so a racing first change loses with 412 like any other concurrent update.")
            .RequirePermission(Permissions.ConfigWrite).AcceptsMergePatch<ConfigPatchDocument>(PatchConfig.BodyDescription);
        return api;
    }
}
