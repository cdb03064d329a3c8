namespace HealthCore.Platform.Commands;

/// <summary>
/// An operator command run instead of serving (`dotnet HealthCore.dll &lt;name&gt; [args]`), after the database is
/// reachable. Modules register theirs with <see cref="ServiceCommands.AddServiceCommand{T}"/>.
/// </summary>
internal interface IServiceCommand
{
    string Name { get; }

    string Description { get; }

    /// <summary>Runs the command; the return value is the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
