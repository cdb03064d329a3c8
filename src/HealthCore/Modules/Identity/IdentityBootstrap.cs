using System.Security.Cryptography;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>
/// On a database without any tenant, creates tenant "demo" with one facility and the user "admin" (Admin and
/// PlatformAdmin) so the first operator can sign in. The password comes from Bootstrap:AdminPassword; Development
/// without it gets a generated one, logged once; anywhere else bootstrap is skipped. Never a built-in default.
/// Runs in the background once the host has started (after the startup migrations), so an unreachable database
/// delays the first tenant, not the service's start and its readiness reporting. A new demo tenant is then filled
/// with demo data when Seed:DemoOnStartup is true (the default in Development).
/// </summary>
internal sealed partial class IdentityBootstrap(
    IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, SigningKeys keys,
    DemoSeed demoSeed, ILogger<IdentityBootstrap> logger) : BackgroundService
{
    public const string PasswordSetting = "Bootstrap:AdminPassword";
    public const string SeedSetting = "Seed:DemoOnStartup";
    public const string SeedPatientsSetting = "Seed:DemoPatients";
    public const string TenantCode = "demo";
    public const string AdminUsername = "admin";

    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the background bootstrap has finished, whatever it did.</summary>
    public Task Finished => finished.Task;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Configuration mistakes stop the start: a missing Production signing key, a weak bootstrap password.
        if (environment.IsProduction())
        {
            _ = keys.Signing;
        }

        if (configuration[PasswordSetting] is { Length: > 0 } configured && PasswordPolicy.Check(configured, AdminUsername) is { } weakness)
        {
            throw new InvalidOperationException($"{PasswordSetting} is rejected by the password policy: {weakness}");
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(exception);
        }
        finally
        {
            finished.TrySetResult();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var configured = configuration[PasswordSetting];
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            LogNotMigrated();
            return;
        }

        if (await db.Tenants.AnyAsync(cancellationToken))
        {
            // An operator who sets the password expects it to work: say plainly that it does nothing here.
            if (!string.IsNullOrEmpty(configured))
            {
                LogPasswordIgnored(PasswordSetting);
            }

            return;
        }

        var password = configured;
        if (string.IsNullOrEmpty(password))
        {
            if (!environment.IsDevelopment())
            {
                LogSkipped(PasswordSetting);
                return;
            }

            password = GeneratePassword();
        }

        var provisioned = await scope.ServiceProvider.GetRequiredService<TenantProvisioning>().ProvisionAsync(
            new NewTenant(
                TenantCode, "Demo Hospital Group", new CreateFacilityRequest("main", "Main Hospital", null, null, null),
                AdminUsername, "Administrator", password, [Roles.Admin, Roles.PlatformAdmin]),
            cancellationToken);

        // Null: two instances started on an empty database at once, and the unique tenant code let only one win.
        if (provisioned is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(configured))
        {
            LogGenerated(TenantCode, AdminUsername, password);
        }
        else
        {
            LogCreated(TenantCode, AdminUsername);
        }

        if (configuration.GetValue(SeedSetting, environment.IsDevelopment()))
        {
            await demoSeed.RunAsync(configuration.GetValue(SeedPatientsSetting, SeedDemoCommand.DefaultPatients), cancellationToken);
        }
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Error, Message = "Bootstrap failed; it is retried at the next start.")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity schema has pending migrations; bootstrap skipped until it is migrated.")]
    private partial void LogNotMigrated();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Setting} is set but ignored: the database already has tenants, so bootstrap creates nobody and the setting changes no password. Remove it, and change passwords through the API.")]
    private partial void LogPasswordIgnored(string setting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No tenant exists and {Setting} is not set: nobody can sign in until it is (bootstrap skipped).")]
    private partial void LogSkipped(string setting);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Bootstrap created tenant '{Tenant}' with user '{Username}' and the generated password {Password}. It is shown only this once; change it.")]
    private partial void LogGenerated(string tenant, string username, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap created tenant '{Tenant}' with user '{Username}' (password from configuration).")]
    private partial void LogCreated(string tenant, string username);
}
