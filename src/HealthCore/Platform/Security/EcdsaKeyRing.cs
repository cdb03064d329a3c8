using System.Security.Cryptography;

namespace HealthCore.Platform.Security;

/// <summary>One configured ECDSA P-256 key: a private key signs, a public key only validates (a retired key).</summary>
internal sealed class SigningKeyOptions
{
    public string Id { get; set; } = "";

    /// <summary>PKCS#8 or SEC1 PEM of an ECDSA P-256 private key; omit for a retired key kept only to validate.</summary>
    public string? PrivateKeyPem { get; set; }

    public string? PublicKeyPem { get; set; }
}

/// <summary>A loaded key with its id.</summary>
internal sealed record EcdsaKey(string Id, ECDsa Key);

/// <summary>
/// ECDSA P-256 keys from a configuration list (e.g. Auth:SigningKeys, Audit:CheckpointKeys): the first key with a
/// private key signs, every listed key validates (rotation). Outside Production an empty list gets one generated key
/// persisted under data/keys (like SecretKeyStore); in Production it is an error, never a silent default.
/// </summary>
internal static class EcdsaKeyRing
{
    public static (EcdsaKey Signing, IReadOnlyList<EcdsaKey> Validation) Load(
        IReadOnlyList<SigningKeyOptions> configured, string section, string developmentKeyFile, IHostEnvironment environment)
    {
        if (configured.Count == 0)
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException($"{section} is not configured; Production never generates signing keys.");
            }

            var generated = LoadOrCreateDevelopmentKey(developmentKeyFile, environment);
            return (generated, [generated]);
        }

        var validation = configured.Select((key, index) => FromOptions(key, index, section)).ToList();
        if (validation.Select(k => k.Id).Distinct(StringComparer.Ordinal).Count() != validation.Count)
        {
            throw new InvalidOperationException($"{section} ids must be unique.");
        }

        var signing = configured.ToList().FindIndex(k => !string.IsNullOrWhiteSpace(k.PrivateKeyPem)) is var found and >= 0
            ? validation[found]
            : throw new InvalidOperationException($"{section} has no key with a PrivateKeyPem to sign with.");
        return (signing, validation);
    }

    private static EcdsaKey FromOptions(SigningKeyOptions key, int index, string section)
    {
        if (string.IsNullOrWhiteSpace(key.Id))
        {
            throw new InvalidOperationException($"{section}:{index}:Id is required.");
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.PrivateKeyPem ?? key.PublicKeyPem
            ?? throw new InvalidOperationException($"{section}:{index} needs PrivateKeyPem or PublicKeyPem."));
        if (ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException($"{section}:{index} must be an ECDSA P-256 key (ES256).");
        }

        return new EcdsaKey(key.Id, ecdsa);
    }

    private static EcdsaKey LoadOrCreateDevelopmentKey(string fileName, IHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "data", "keys");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
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
        return new EcdsaKey("dev-" + Convert.ToHexStringLower(thumbprint)[..16], ecdsa);
    }
}
