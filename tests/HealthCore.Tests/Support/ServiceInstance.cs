using System.Collections.Concurrent;
using HealthCore.Platform.Database;
using HealthCore.Tests.Support.Probe;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Support;

/// <summary>
/// One instance of the service (with the test modules) on a database the test owns, which it does not migrate on start:
/// for tests of the database lifecycle itself (migrations, drift, concurrent starts). Migration logs are captured.
/// </summary>
internal sealed class ServiceInstance(DatabaseProvider provider, string connectionString, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        TestHost.Configure(builder, provider, connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");

        // These databases are often half-built on purpose; no background work (the outbox dispatcher) may poll them.
        builder.UseSetting("Events:Enabled", "false");
        builder.UseSetting("Notifications:Enabled", "false");
        builder.UseSetting("Scheduling:SweepEnabled", "false");
        builder.ConfigureLogging(logging => logging.AddFilter<CapturedLogs>(typeof(MigrationRunner).FullName, LogLevel.Information));
        builder.ConfigureServices(services =>
        {
            services.AddProbeModule();
            services.AddSingleton<ILoggerProvider>(Logs);
            configureServices?.Invoke(services);
        });
    }

    /// <summary>A module's DbContext as the service would build it, in a scope the caller disposes.</summary>
    public (AsyncServiceScope Scope, ModuleDbContext Db) Context(Type contextType)
    {
        var scope = Services.CreateAsyncScope();
        return (scope, (ModuleDbContext)scope.ServiceProvider.GetRequiredService(contextType));
    }
}

internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> entries = new();

    public IReadOnlyList<(string Category, string Message)> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string Category, string Message)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, formatter(state, exception)));
    }
}
