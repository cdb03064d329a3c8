using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HealthCore.Modules.Identity;

/// <summary>
/// The ES256 keys access tokens are signed and validated with, from Auth:SigningKeys. Outside Production a missing
/// configuration gets one generated key persisted under data/keys (like SecretKeyStore); in Production it is an
/// error. Loaded on first use, so hosts that never see a token never touch the key folder.
/// </summary>
internal sealed class SigningKeys(IOptions<AuthOptions> options, IHostEnvironment environment)
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;
    private const string DevelopmentKeyFile = "access-token-signing.pem";

    private readonly Lazy<(ECDsaSecurityKey Signing, IReadOnlyList<ECDsaSecurityKey> Validation)> keys =
        new(() => Load(options.Value.SigningKeys, environment));

    public ECDsaSecurityKey Signing => keys.Value.Signing;

    public IReadOnlyList<ECDsaSecurityKey> Validation => keys.Value.Validation;

    public SigningCredentials Credentials => new(Signing, Algorithm);

    public IEnumerable<SecurityKey> Resolve(string? keyId) =>
        Validation.Where(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal));

    private static (ECDsaSecurityKey, IReadOnlyList<ECDsaSecurityKey>) Load(List<SigningKeyOptions> configured, IHostEnvironment environment)
    {
        if (configured.Count == 0)
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException(
                    "Auth:SigningKeys is not configured; Production never generates token signing keys.");
            }

            var generated = LoadOrCreateDevelopmentKey(environment);
            return (generated, [generated]);
        }

        var validation = configured.Select(FromOptions).ToList();
        if (validation.Select(k => k.KeyId).Distinct(StringComparer.Ordinal).Count() != validation.Count)
        {
            throw new InvalidOperationException("Auth:SigningKeys ids must be unique.");
        }

        var signing = configured.FindIndex(k => !string.IsNullOrWhiteSpace(k.PrivateKeyPem)) is var index and >= 0
            ? validation[index]
            : throw new InvalidOperationException("Auth:SigningKeys has no key with a PrivateKeyPem to sign with.");
        return (signing, validation);
    }

    private static ECDsaSecurityKey FromOptions(SigningKeyOptions key, int index)
    {
        if (string.IsNullOrWhiteSpace(key.Id))
        {
            throw new InvalidOperationException($"Auth:SigningKeys:{index}:Id is required.");
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.PrivateKeyPem ?? key.PublicKeyPem
            ?? throw new InvalidOperationException($"Auth:SigningKeys:{index} needs PrivateKeyPem or PublicKeyPem."));
        if (ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException($"Auth:SigningKeys:{index} must be an ECDSA P-256 key (ES256).");
        }

        return new ECDsaSecurityKey(ecdsa) { KeyId = key.Id };
    }

    private static ECDsaSecurityKey LoadOrCreateDevelopmentKey(IHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "data", "keys");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, DevelopmentKeyFile);
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var writer = new StreamWriter(file);
            writer.Write(ecdsa.ExportPkcs8PrivateKeyPem());
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance created it first: use theirs so both sign alike.
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    ecdsa.ImportFromPem(File.ReadAllText(path));
                    break;
                }
                catch (ArgumentException) when (attempt < 50)
                {
                    Thread.Sleep(20);
                }
            }
        }

        var thumbprint = SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo());
        return new ECDsaSecurityKey(ecdsa) { KeyId = "dev-" + Convert.ToHexStringLower(thumbprint)[..16] };
    }
}
