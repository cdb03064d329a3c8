using System.Threading.RateLimiting;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Idempotency;
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
        services.AddScoped<ITenantSettings, TenantSettingsReader>();
        services.AddScoped<IFacilityDirectory, FacilityDirectory>();
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
        auth.MapPost("/login", Login.Handle).AllowAnonymous().RequireRateLimiting(AuthRateLimitPolicy)
            .WithoutIdempotency("stores issued tokens");
        auth.MapPost("/refresh", Refresh.Handle).AllowAnonymous().RequireRateLimiting(AuthRateLimitPolicy)
            .WithoutIdempotency("stores issued tokens; defeats rotation reuse detection");
        auth.MapPost("/logout", Logout.Handle).RequireAuthorization().WithoutIdempotency("idempotent by nature");
        auth.MapPost("/change-password", ChangePassword.Handle).RequireAuthorization()
            .WithoutIdempotency("hashes a password-bearing body at rest");

        api.MapGet("/me", GetMe.Handle).WithTags("Identity").RequireAuthorization();

        var tenants = api.MapGroup("/tenants").WithTags("Tenants").RequirePermission(Permissions.TenantsManage);
        tenants.MapPost("/", CreateTenant.Handle);
        tenants.MapGet("/", ListTenants.Handle);
        tenants.MapGet("/{id:guid}", GetTenant.Handle);

        var facilities = api.MapGroup("/facilities").WithTags("Facilities");
        facilities.MapGet("/", ListFacilities.Handle).RequirePermission(Permissions.FacilitiesRead);
        facilities.MapGet("/{id:guid}", GetFacility.Handle).RequirePermission(Permissions.FacilitiesRead);
        facilities.MapPost("/", CreateFacility.Handle).RequirePermission(Permissions.FacilitiesWrite);
        facilities.MapPatch("/{id:guid}", UpdateFacility.Handle).RequirePermission(Permissions.FacilitiesWrite)
            .AcceptsMergePatch<FacilityInput>();

        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/", ListUsers.Handle).RequirePermission(Permissions.UsersRead);
        users.MapGet("/{id:guid}", GetUser.Handle).RequirePermission(Permissions.UsersRead);
        users.MapPost("/", CreateUser.Handle).RequirePermission(Permissions.UsersWrite);
        users.MapPatch("/{id:guid}", UpdateUser.Handle).RequirePermission(Permissions.UsersWrite)
            .AcceptsMergePatch<UserInput>();
        users.MapPost("/{id:guid}/deactivate", DeactivateUser.Handle).RequirePermission(Permissions.UsersWrite);
        users.MapPost("/{id:guid}/roles", ReplaceUserRoles.Handle).RequirePermission(Permissions.UsersWrite);

        var config = api.MapGroup("/config").WithTags("Configuration");
        config.MapGet("/", GetConfig.Handle).RequirePermission(Permissions.ConfigRead);
        config.MapPatch("/", PatchConfig.Handle).RequirePermission(Permissions.ConfigWrite).AcceptsMergePatch<ConfigPatchDocument>(PatchConfig.BodyDescription);
        return api;
    }
}
