using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HealthCore.Platform.Security;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Audit;

/// <summary>
/// Signs and checks checkpoints with the ES256 keys of Audit:CheckpointKeys (see <see cref="EcdsaKeyRing"/>): a
/// rewrite of a tree by someone with database access cannot produce a valid signature for the rewritten root.
/// </summary>
internal sealed class CheckpointSigner(IOptions<AuditOptions> options, IHostEnvironment environment)
{
    public const string Algorithm = "ES256";
    private const string DevelopmentKeyFile = "audit-checkpoint-signing.pem";

    private readonly Lazy<(EcdsaKey Signing, IReadOnlyList<EcdsaKey> Validation)> keys =
        new(() => EcdsaKeyRing.Load(options.Value.CheckpointKeys, "Audit:CheckpointKeys", DevelopmentKeyFile, environment));

    public string KeyId => keys.Value.Signing.Id;

    public IReadOnlyList<EcdsaKey> Validation => keys.Value.Validation;

    /// <summary>The signed text: five lines, each ending in a line feed.</summary>
    public static byte[] Statement(Guid tenantId, long treeSize, string rootHash, DateTimeOffset issuedAt) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"healthcore-audit-checkpoint/v1\ntenant {tenantId:D}\nsize {treeSize}\nroot {rootHash}\nissued {issuedAt.UtcDateTime:yyyy'-'MM'-'dd'T'HH':'mm':'ss.ffffff'Z'}\n"));

    public AuditCheckpoint Sign(Guid tenantId, long treeSize, string rootHash, DateTimeOffset issuedAt)
    {
        var signing = keys.Value.Signing;
        var signature = signing.Key.SignData(Statement(tenantId, treeSize, rootHash, issuedAt), HashAlgorithmName.SHA256);
        return new AuditCheckpoint
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            TreeSize = treeSize,
            RootHash = rootHash,
            IssuedAt = issuedAt,
            KeyId = signing.Id,
            Signature = Convert.ToBase64String(signature),
        };
    }

    public bool IsValid(AuditCheckpoint checkpoint) =>
        Validation.SingleOrDefault(k => k.Id == checkpoint.KeyId) is { } key
        && key.Key.VerifyData(
            Statement(checkpoint.TenantId, checkpoint.TreeSize, checkpoint.RootHash, checkpoint.IssuedAt),
            Convert.FromBase64String(checkpoint.Signature),
            HashAlgorithmName.SHA256);
}
