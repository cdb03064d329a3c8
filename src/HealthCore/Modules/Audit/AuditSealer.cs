using HealthCore.Platform.Background;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Audit;

/// <summary>
/// Runs <see cref="AuditSealing"/> every Audit:SealInterval and asks for checkpoints every Audit:CheckpointInterval.
/// Starting loads the current epoch (before the service takes requests) and the checkpoint key, so Production without
/// Audit:CheckpointKeys fails at startup instead of at the first checkpoint.
/// </summary>
internal sealed class AuditSealer(IServiceScopeFactory scopes, CheckpointSigner signer, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditSealer> logger)
    : PollingWorker(time, logger)
{
    private readonly TimeProvider clock = time;
    private DateTimeOffset nextCheckpoint = DateTimeOffset.MinValue;

    protected override string Name => "audit sealer";

    protected override string EnabledSetting => "Audit:SealerEnabled";

    protected override bool Enabled => options.Value.SealerEnabled;

    protected override TimeSpan PollInterval => options.Value.SealInterval;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = signer.KeyId;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditSealing>().LoadEpochAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not migrated yet (a command run, a fresh database): the first pass loads it.
            logger.LogDebug(exception, "The audit epoch could not be loaded at startup");
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var checkpointDue = now >= nextCheckpoint;
        await using var scope = scopes.CreateAsyncScope();
        var sealedCount = await scope.ServiceProvider.GetRequiredService<AuditSealing>().SealAsync(checkpointDue, cancellationToken);
        if (checkpointDue)
        {
            nextCheckpoint = now + options.Value.CheckpointInterval;
        }

        return sealedCount;
    }
}
