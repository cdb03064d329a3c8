using System.Security.Cryptography;
using HealthCore.Modules.Identity;
using HealthCore.Platform.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace HealthCore.Tests.Modules.Identity;

public sealed class SigningKeysTests : IDisposable
{
    private readonly string contentRoot = Directory.CreateTempSubdirectory("healthcore-keys-").FullName;

    [Fact]
    public void Production_without_a_configured_key_refuses_to_sign()
    {
        var keys = Keys(Environments.Production);

        Should.Throw<InvalidOperationException>(() => keys.Signing).Message.ShouldContain("Auth:SigningKeys");
        Directory.Exists(Path.Combine(contentRoot, "data", "keys")).ShouldBeFalse("Production never generates keys");
    }

    [Fact]
    public void Outside_Production_a_generated_key_is_persisted_and_reused_across_restarts()
    {
        var first = Keys(Environments.Development).Signing;
        var restarted = Keys(Environments.Development).Signing;

        File.Exists(Path.Combine(contentRoot, "data", "keys", "access-token-signing.pem")).ShouldBeTrue();
        restarted.KeyId.ShouldBe(first.KeyId);
        restarted.ECDsa.ExportSubjectPublicKeyInfo().ShouldBe(first.ECDsa.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void The_first_configured_private_key_signs_and_every_listed_key_validates()
    {
        using var retired = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var current = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var keys = Keys(Environments.Production,
            new SigningKeyOptions { Id = "old", PublicKeyPem = retired.ExportSubjectPublicKeyInfoPem() },
            new SigningKeyOptions { Id = "new", PrivateKeyPem = current.ExportPkcs8PrivateKeyPem() });

        keys.Signing.KeyId.ShouldBe("new");
        keys.Validation.Select(k => k.KeyId).ShouldBe(["old", "new"]);
        keys.Resolve("old").ShouldHaveSingleItem();
        keys.Resolve("unknown").ShouldBeEmpty();
    }

    [Fact]
    public void Keys_other_than_P256_and_duplicate_ids_are_rejected()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Should.Throw<InvalidOperationException>(() => Keys(Environments.Production,
            new SigningKeyOptions { Id = "a", PrivateKeyPem = p384.ExportPkcs8PrivateKeyPem() }).Signing);
        Should.Throw<InvalidOperationException>(() => Keys(Environments.Production,
            new SigningKeyOptions { Id = "a", PrivateKeyPem = p256.ExportPkcs8PrivateKeyPem() },
            new SigningKeyOptions { Id = "a", PublicKeyPem = p256.ExportSubjectPublicKeyInfoPem() }).Signing);
    }

    public void Dispose() => Directory.Delete(contentRoot, recursive: true);

    private SigningKeys Keys(string environment, params SigningKeyOptions[] configured) =>
        new(Options.Create(new AuthOptions { SigningKeys = [.. configured] }),
            new HostingEnvironment { EnvironmentName = environment, ContentRootPath = contentRoot });
}
