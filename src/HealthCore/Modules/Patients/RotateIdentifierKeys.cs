using HealthCore.Platform.Commands;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

/// <summary>
/// `HealthCore rotate-identifier-keys`: re-encrypts every protected identifier still under an older key with the current
/// key (the first of Patients:IdentifierKeys), in batches, across tenants. Each re-encryption is an audited update of
/// the patient. Once it reports 0 remaining, older keys can be removed from the configuration.
/// </summary>
internal sealed partial class RotateIdentifierKeys(PatientsDb db, IdentifierProtector protector, TimeProvider clock, ILogger<RotateIdentifierKeys> logger)
{
    public const string CommandName = "rotate-identifier-keys";
    private const int BatchSize = 200;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var current = protector.CurrentKeyId;
        var rotated = 0;
        while (true)
        {
            var batch = await db.Patients.IgnoreQueryFilters()
                .Where(p => p.IdentifierKeyId != null && p.IdentifierKeyId != current)
                .OrderBy(p => p.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var patient in batch)
            {
                patient.ProtectedIdentifiers = [.. patient.ProtectedIdentifiers.Select(i =>
                    i.KeyId == current ? i : protector.Encrypt(patient.TenantId, i.System, protector.Decrypt(patient.TenantId, i)))];
                patient.IdentifierKeyId = current;
                patient.UpdatedAt = clock.GetUtcNow();
                db.AuditAs(patient, "rotate-identifier-key");
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            rotated += batch.Count;
            LogProgress(rotated, current);
        }

        LogDone(rotated, current);
        return rotated;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-encrypted the protected identifiers of {Count} patient(s) under key {KeyId} so far")]
    private partial void LogProgress(int count, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation finished: {Count} patient(s) re-encrypted under key {KeyId}; 0 remaining")]
    private partial void LogDone(int count, string keyId);
}

internal sealed class RotateIdentifierKeysCommand(IServiceScopeFactory scopes) : IServiceCommand
{
    public string Name => RotateIdentifierKeys.CommandName;

    public string Description => "re-encrypt protected patient identifiers under the current key";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RotateIdentifierKeys>().RunAsync(cancellationToken);
        return 0;
    }
}
