using HealthCore.Platform.Database;
using HealthCore.Platform.Http.Paging;

namespace HealthCore.Platform.Commands;

internal static class ServiceCommands
{
    public static IServiceCollection AddServiceCommand<TCommand>(this IServiceCollection services)
        where TCommand : class, IServiceCommand =>
        services.AddSingleton<IServiceCommand, TCommand>();

    /// <summary>
    /// `migrate` applies migrations and exits; another registered command runs after migrating when configured;
    /// without a command the service migrates when configured, then serves.
    /// </summary>
    public static async Task RunCommandOrServeAsync(this WebApplication app, string[] args)
    {
        if (args.FirstOrDefault() == "migrate")
        {
            await app.Services.MigrateDatabasesAsync();
            return;
        }

        if (app.Services.GetRequiredService<DatabaseConnection>().MigrateOnStartup)
        {
            await app.Services.MigrateDatabasesAsync();
        }

        // Anything else that is not a setting (`--Key=value`, `Key=value`) names a command.
        if (args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal))
        {
            var commands = app.Services.GetServices<IServiceCommand>().ToList();
            if (commands.FirstOrDefault(c => c.Name == args[0]) is not { } command)
            {
                await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. Commands: migrate (apply pending migrations), "
                    + string.Join(", ", commands.Select(c => $"{c.Name} ({c.Description})")));
                Environment.ExitCode = 2;
                return;
            }

            Environment.ExitCode = await command.RunAsync(args[1..], app.Lifetime.ApplicationStopping);
            return;
        }

        // Fail at startup, not on the first list request, when a required key is missing in Production.
        app.Services.GetRequiredService<CursorCodec>();
        await app.RunAsync();
    }
}
