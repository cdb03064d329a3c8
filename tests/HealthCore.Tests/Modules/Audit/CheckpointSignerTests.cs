using System.Security.Cryptography;
using HealthCore.Modules.Audit;
using HealthCore.Platform.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace HealthCore.Tests.Modules.Audit;

public sealed class CheckpointSignerTests : IDisposable
{
    private readonly string contentRoot = Directory.CreateTempSubdirectory("healthcore-checkpoint-keys-").FullName;

    [Fact]
    public void Production_refuses_to_sign_checkpoints_without_a_configured_key()
    {
        var signer = Signer(Environments.Production);

        Should.Throw<InvalidOperationException>(() => signer.KeyId).Message.ShouldContain("Audit:CheckpointKeys");
        Directory.Exists(Path.Combine(contentRoot, "data", "keys")).ShouldBeFalse();
    }

    [Fact]
    public void A_configured_key_signs_and_a_tampered_checkpoint_fails_validation()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = Signer(Environments.Production, new SigningKeyOptions { Id = "audit-1", PrivateKeyPem = key.ExportPkcs8PrivateKeyPem() });

        var checkpoint = signer.Sign(Guid.CreateVersion7(), 3, new string('a', 64), DateTimeOffset.UnixEpoch);

        checkpoint.KeyId.ShouldBe("audit-1");
        signer.IsValid(checkpoint).ShouldBeTrue();
        signer.IsValid(new AuditCheckpoint
        {
            Id = checkpoint.Id,
            TenantId = checkpoint.TenantId,
            TreeSize = 4,
            RootHash = checkpoint.RootHash,
            IssuedAt = checkpoint.IssuedAt,
            KeyId = checkpoint.KeyId,
            Signature = checkpoint.Signature,
        }).ShouldBeFalse();
    }

    [Fact]
    public void Outside_production_a_key_is_generated_under_data_keys()
    {
        Signer(Environments.Development).KeyId.ShouldStartWith("dev-");

        File.Exists(Path.Combine(contentRoot, "data", "keys", "audit-checkpoint-signing.pem")).ShouldBeTrue();
    }

    public void Dispose() => Directory.Delete(contentRoot, recursive: true);

    private CheckpointSigner Signer(string environment, params SigningKeyOptions[] configured) =>
        new(Options.Create(new AuditOptions { CheckpointKeys = [.. configured] }),
            new HostingEnvironment { EnvironmentName = environment, ContentRootPath = contentRoot });
}
