using System.Security.Cryptography;
using System.Text;
using HealthCore.Platform.Security;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Patients;

internal sealed class PatientsOptions
{
    public const string Section = "Patients";

    /// <summary>US SSN, any national passport (FHIR's passport-XXX systems) and a generic national id.</summary>
    public static readonly IReadOnlyList<string> DefaultProtectedSystems =
        ["urn:oid:2.16.840.1.113883.4.1", "http://hl7.org/fhir/sid/passport-*", "urn:healthcore:national-id"];

    /// <summary>AES-256 keys for protected identifiers; the first encrypts, every listed key decrypts.</summary>
    public List<IdentifierKeyOptions> IdentifierKeys { get; set; } = [];

    /// <summary>Identifier systems whose values are encrypted at rest and masked; a trailing * matches a prefix.</summary>
    public List<string>? ProtectedSystems { get; set; }

    public IReadOnlyList<string> EffectiveProtectedSystems => ProtectedSystems is { Count: > 0 } configured ? configured : DefaultProtectedSystems;

    /// <summary>The problem with the configuration that must stop the service from starting, if any.</summary>
    public string? Problem(IHostEnvironment environment, IConfiguration configuration)
    {
        if (IdentifierKeys.Count == 0)
        {
            return environment.IsProduction() ? $"{Section}:IdentifierKeys is not configured; Production never generates encryption keys." : null;
        }

        if (environment.IsProduction() && string.IsNullOrEmpty(configuration[$"Secrets:{IdentifierProtector.BlindIndexSecret}"]))
        {
            return $"Secrets:{IdentifierProtector.BlindIndexSecret} is not configured; Production never generates keys.";
        }

        for (var i = 0; i < IdentifierKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(IdentifierKeys[i].Id))
            {
                return $"{Section}:IdentifierKeys:{i}:Id is required.";
            }

            if (!TryKey(IdentifierKeys[i].Key, out _))
            {
                return $"{Section}:IdentifierKeys:{i}:Key must be 32 bytes (AES-256), base64.";
            }
        }

        return IdentifierKeys.Select(k => k.Id).Distinct(StringComparer.Ordinal).Count() == IdentifierKeys.Count
            ? null
            : $"{Section}:IdentifierKeys ids must be unique.";
    }

    public static bool TryKey(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return false;
        }

        return key.Length == 32;
    }
}

internal sealed class IdentifierKeyOptions
{
    public string? Id { get; set; }

    public string? Key { get; set; }
}

/// <summary>
/// Protected identifiers (national ids, passports): AES-256-GCM at rest with the key id beside each ciphertext and the
/// tenant and system as associated data (a ciphertext copied to another tenant or system does not decrypt), a keyed
/// HMAC-SHA256 blind index for exact-match search, and masking for callers without patients.identifiers.read.
/// Keys come from Patients:IdentifierKeys; outside Production one is generated and kept under data/keys.
/// </summary>
internal sealed class IdentifierProtector(IOptions<PatientsOptions> options, SecretKeyStore secrets)
{
    public const string BlindIndexSecret = "PatientIdentifierIndex";
    private const string DevelopmentKeySecret = "PatientIdentifierEncryption";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<(string CurrentId, Dictionary<string, byte[]> Keys)> keys = new(() => LoadKeys(options.Value, secrets));
    private readonly Lazy<byte[]> indexKey = new(() => secrets.Get(BlindIndexSecret));

    public string CurrentKeyId => keys.Value.CurrentId;

    public bool IsProtected(string system) =>
        options.Value.EffectiveProtectedSystems.Any(pattern => pattern.EndsWith('*')
            ? system.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(system, pattern, StringComparison.OrdinalIgnoreCase));

    public ProtectedIdentifier Encrypt(Guid tenantId, string system, string value)
    {
        var (keyId, allKeys) = keys.Value;
        var plaintext = Encoding.UTF8.GetBytes(value);
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(allKeys[keyId], TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData(tenantId, system));
        return new ProtectedIdentifier(system, keyId, Convert.ToBase64String(output));
    }

    public string Decrypt(Guid tenantId, ProtectedIdentifier identifier)
    {
        if (!keys.Value.Keys.TryGetValue(identifier.KeyId, out var key))
        {
            throw new InvalidOperationException(
                $"Protected identifiers were encrypted under key '{identifier.KeyId}', which {PatientsOptions.Section}:IdentifierKeys no longer lists.");
        }

        var input = Convert.FromBase64String(identifier.Ciphertext);
        var plaintext = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plaintext, AssociatedData(tenantId, identifier.System));
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>The search key of an identifier: its canonical value, or for a protected system its tenant-keyed HMAC.</summary>
    public string LookupKey(Guid tenantId, string system, string value)
    {
        var canonical = Canonical(value);
        if (!IsProtected(system))
        {
            return canonical;
        }

        var input = Encoding.UTF8.GetBytes($"{tenantId:N}|{system.ToLowerInvariant()}|{canonical}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(indexKey.Value, input));
    }

    /// <summary>Every letter and digit but the last four replaced by *, separators kept: 123-45-6789 → ***-**-6789.</summary>
    public static string Mask(string value)
    {
        var visible = 4;
        var masked = value.ToCharArray();
        for (var i = masked.Length - 1; i >= 0; i--)
        {
            if (char.IsLetterOrDigit(masked[i]))
            {
                if (visible > 0)
                {
                    visible--;
                }
                else
                {
                    masked[i] = '*';
                }
            }
        }

        return new string(masked);
    }

    /// <summary>Identifier values compare without case, spaces or dashes: "123 45 6789" is "123-45-6789".</summary>
    public static string Canonical(string value) =>
        new([.. value.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);

    private static byte[] AssociatedData(Guid tenantId, string system) => Encoding.UTF8.GetBytes($"{tenantId:N}|{system.ToLowerInvariant()}");

    private static (string, Dictionary<string, byte[]>) LoadKeys(PatientsOptions options, SecretKeyStore secrets)
    {
        if (options.IdentifierKeys.Count == 0)
        {
            // Outside Production (the options validator stops Production first): one generated key, persisted.
            var generated = secrets.Get(DevelopmentKeySecret)[..32];
            var id = "dev-" + Convert.ToHexStringLower(SHA256.HashData(generated))[..12];
            return (id, new Dictionary<string, byte[]>(StringComparer.Ordinal) { [id] = generated });
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var configured in options.IdentifierKeys)
        {
            if (string.IsNullOrWhiteSpace(configured.Id) || !PatientsOptions.TryKey(configured.Key, out var key) || !keys.TryAdd(configured.Id, key))
            {
                throw new InvalidOperationException($"{PatientsOptions.Section}:IdentifierKeys needs unique ids and 32-byte base64 keys.");
            }
        }

        return (options.IdentifierKeys[0].Id!, keys);
    }
}
