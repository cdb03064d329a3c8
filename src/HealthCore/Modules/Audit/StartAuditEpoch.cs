using HealthCore.Platform.Commands;

namespace HealthCore.Modules.Audit;

/// <summary>
/// `audit-new-epoch [reason]`: starts a new audit epoch, e.g. right after restoring a dump, before the service takes
/// writes (the sealer also detects a restore on its own when the transaction id counter went backwards).
/// </summary>
internal sealed class StartAuditEpochCommand(IServiceScopeFactory scopes) : IServiceCommand
{
    public string Name => "audit-new-epoch";

    public string Description => "Start a new audit epoch (after restoring a database dump); optional argument: the reason.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var reason = arguments.Count > 0 ? string.Join(' ', arguments) : "operator";
        var epoch = await scope.ServiceProvider.GetRequiredService<AuditSealing>().StartEpochAsync(reason, closePrevious: true, cancellationToken);
        Console.WriteLine($"Audit epoch {epoch} started.");
        return 0;
    }
}
