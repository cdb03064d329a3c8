using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HealthCore.Tests.Modules.Identity;

/// <summary>Builds access tokens the way an attacker or a misconfigured issuer would, from a genuine token's claims.</summary>
internal static class TokenForge
{
    public static string Forge(string genuine, Action<SecurityTokenDescriptor>? change = null)
    {
        var original = new JsonWebToken(genuine);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = original.Issuer,
            Audience = original.Audiences.Single(),
            Claims = Payload(genuine).Where(c => c.Key is not ("iss" or "aud" or "exp" or "nbf" or "iat"))
                .ToDictionary(c => c.Key, c => Plain(c.Value)),
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(IdentityApp.CurrentKey) { KeyId = original.Kid }, SecurityAlgorithms.EcdsaSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with the given header, the genuine payload and an HMAC signature under an arbitrary key, or none.</summary>
    public static string Raw(string genuine, string algorithm, byte[]? hmacKey)
    {
        var kid = new JsonWebToken(genuine).Kid;
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = algorithm, ["typ"] = "JWT", ["kid"] = kid }));
        var payload = genuine.Split('.')[1];
        var signingInput = $"{header}.{payload}";
        var signature = hmacKey is null ? "" : Base64Url(HMACSHA256.HashData(hmacKey, Encoding.ASCII.GetBytes(signingInput)));
        return $"{signingInput}.{signature}";
    }

    private static Dictionary<string, JsonElement> Payload(string token) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.DecodeBytes(token.Split('.')[1]))!;

    private static object Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(item => item.GetString()!).ToArray(),
        JsonValueKind.Number => value.GetInt64(),
        _ => value.GetString()!,
    };

    private static string Base64Url(byte[] bytes) => Base64UrlEncoder.Encode(bytes);
}
