using System.Text.RegularExpressions;
using HealthCore.Modules.Identity;
using HealthCore.Platform.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace HealthCore.Tests.Modules.Identity;

public sealed class BootstrapTests
{
    private const string Password = "Bootstrap-Operator-Passphrase-2";

    [Fact]
    public async Task Instances_starting_at_once_on_an_empty_PostgreSQL_database_create_demo_and_admin_exactly_once()
    {
        var connectionString = await TestDatabases.CreatePostgresAsync("bootstrap");
        try
        {
            using var instance = new ServiceInstance(DatabaseProvider.Postgres, connectionString);
            await instance.Services.GetRequiredService<IdentityBootstrap>().Finished;
            await instance.Services.MigrateDatabasesAsync();
            (await CountAsync(instance)).ShouldBe((0, 0), "an unmigrated start skips bootstrap");

            await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Bootstrapper(instance, Password).RunAsync(CancellationToken.None))));

            (await CountAsync(instance)).ShouldBe((1, 1));
        }
        finally
        {
            await TestDatabases.DropPostgresAsync(connectionString);
        }
    }

    [Fact]
    public async Task Outside_Development_without_a_password_bootstrap_is_skipped_and_with_one_it_runs_once()
    {
        var connectionString = TestDatabases.CreateSqlite("bootstrap");
        try
        {
            using var instance = new ServiceInstance(DatabaseProvider.Sqlite, connectionString);
            await instance.Services.MigrateDatabasesAsync();

            await Bootstrapper(instance, password: null).RunAsync(CancellationToken.None);
            (await CountAsync(instance)).ShouldBe((0, 0));

            await Bootstrapper(instance, Password).RunAsync(CancellationToken.None);
            await Bootstrapper(instance, "Another-Operator-Passphrase-3").RunAsync(CancellationToken.None);
            (await CountAsync(instance)).ShouldBe((1, 1));
            instance.Logs.Entries.Where(e => e.Category == typeof(IdentityBootstrap).FullName && e.Message.Contains(IdentityBootstrap.PasswordSetting, StringComparison.Ordinal))
                .Select(e => e.Message).Last().ShouldStartWith($"{IdentityBootstrap.PasswordSetting} is set but ignored: the database already has tenants");
        }
        finally
        {
            TestDatabases.DeleteSqlite(connectionString);
        }
    }

    [Fact]
    public async Task In_Development_without_a_password_a_strong_one_is_generated_and_logged_once()
    {
        var connectionString = TestDatabases.CreateSqlite("bootstrap");
        try
        {
            using var instance = new ServiceInstance(DatabaseProvider.Sqlite, connectionString);
            await instance.Services.MigrateDatabasesAsync();

            await Bootstrapper(instance, password: null, Environments.Development).RunAsync(CancellationToken.None);
            await Bootstrapper(instance, password: null, Environments.Development).RunAsync(CancellationToken.None);

            var logged = instance.Logs.Entries.Where(e => e.Category == typeof(IdentityBootstrap).FullName && e.Message.Contains("generated password", StringComparison.Ordinal))
                .ShouldHaveSingleItem().Message;
            var password = Regex.Match(logged, "generated password (\\S+)\\.").Groups[1].Value;
            password.Length.ShouldBeGreaterThanOrEqualTo(PasswordPolicy.MinimumLength);
            await using var scope = instance.Services.CreateAsyncScope();
            var admin = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.IgnoreQueryFilters().SingleAsync();
            scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().VerifyHashedPassword(admin, admin.PasswordHash, password)
                .ShouldBe(PasswordVerificationResult.Success);
        }
        finally
        {
            TestDatabases.DeleteSqlite(connectionString);
        }
    }

    [Fact]
    public async Task A_configured_password_that_breaks_the_policy_stops_startup()
    {
        var connectionString = TestDatabases.CreateSqlite("bootstrap");
        try
        {
            using var instance = new ServiceInstance(DatabaseProvider.Sqlite, connectionString);

            await Should.ThrowAsync<InvalidOperationException>(() => Bootstrapper(instance, "changeme").StartAsync(CancellationToken.None));
        }
        finally
        {
            TestDatabases.DeleteSqlite(connectionString);
        }
    }

    internal static IdentityBootstrap Bootstrapper(ServiceInstance instance, string? password, string environment = "Testing", bool seedDemo = false)
    {
        var settings = new Dictionary<string, string?> { [IdentityBootstrap.SeedSetting] = seedDemo.ToString(), [IdentityBootstrap.SeedPatientsSetting] = "20" };
        if (password is not null)
        {
            settings[IdentityBootstrap.PasswordSetting] = password;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var host = new HostingEnvironment { EnvironmentName = environment, ContentRootPath = Path.GetTempPath() };
        return ActivatorUtilities.CreateInstance<IdentityBootstrap>(instance.Services, configuration, host);
    }

    private static async Task<(int Tenants, int Admins)> CountAsync(ServiceInstance instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        return (await db.Tenants.CountAsync(t => t.Code == IdentityBootstrap.TenantCode),
            await db.Users.IgnoreQueryFilters().CountAsync(u => u.NormalizedUsername == "ADMIN"));
    }
}
