using HealthCore.Platform.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HealthCore.Modules.Identity;

/// <summary>
/// The ES256 keys access tokens are signed and validated with, from Auth:SigningKeys (see <see cref="EcdsaKeyRing"/>).
/// Loaded on first use, so hosts that never see a token never touch the key folder.
/// </summary>
internal sealed class SigningKeys(IOptions<AuthOptions> options, IHostEnvironment environment)
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;
    private const string DevelopmentKeyFile = "access-token-signing.pem";

    private readonly Lazy<(ECDsaSecurityKey Signing, IReadOnlyList<ECDsaSecurityKey> Validation)> keys = new(() =>
    {
        var (signing, validation) = EcdsaKeyRing.Load(options.Value.SigningKeys, "Auth:SigningKeys", DevelopmentKeyFile, environment);
        var all = validation.Select(k => new ECDsaSecurityKey(k.Key) { KeyId = k.Id }).ToList();
        return (all.Single(k => k.KeyId == signing.Id), all);
    });

    public ECDsaSecurityKey Signing => keys.Value.Signing;

    public IReadOnlyList<ECDsaSecurityKey> Validation => keys.Value.Validation;

    public SigningCredentials Credentials => new(Signing, Algorithm);

    public IEnumerable<SecurityKey> Resolve(string? keyId) =>
        Validation.Where(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal));
}
