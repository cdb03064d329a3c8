namespace HealthCore.Platform;

/// <summary>
/// A one-shot command of the service (`HealthCore rotate-identifier-keys`): run by <see cref="PlatformSetup.RunCommandOrServeAsync"/>
/// in a scope of its own instead of serving, after the startup migration when that is configured.
/// </summary>
internal sealed record ServiceCommand(string Name, string Description, Func<IServiceProvider, CancellationToken, Task> RunAsync);

internal static class ServiceCommands
{
    public static IServiceCollection AddServiceCommand(
        this IServiceCollection services, string name, string description, Func<IServiceProvider, CancellationToken, Task> run) =>
        services.AddSingleton(new ServiceCommand(name, description, run));

    public static ServiceCommand? FindCommand(this IServiceProvider services, string? name) =>
        name is null ? null : services.GetServices<ServiceCommand>().FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>Runs a registered command in a fresh scope, as the command line does.</summary>
    public static async Task RunCommandAsync(this IServiceProvider services, string name, CancellationToken cancellationToken = default)
    {
        var command = services.FindCommand(name) ?? throw new InvalidOperationException($"No command named '{name}' is registered.");
        await using var scope = services.CreateAsyncScope();
        await command.RunAsync(scope.ServiceProvider, cancellationToken);
    }
}
