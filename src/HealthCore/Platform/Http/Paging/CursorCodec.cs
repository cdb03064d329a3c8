using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authentication;

namespace HealthCore.Platform.Http.Paging;

/// <summary>
/// Opaque cursors: the keyset position as JSON, encrypted and authenticated with AES-256-GCM under a key derived
/// from the server's cursor secret. Positions can hold patient names, so a cursor must not be readable; and the list
/// it was issued for (method and route template) is bound in as associated data, so one list's cursor is refused by
/// another even when both page by the same key type.
/// </summary>
internal sealed class CursorCodec(SecretKeyStore keys, IHttpContextAccessor accessor)
{
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private static readonly byte[] KeyPurpose = "healthcore paging cursor v2"u8.ToArray();
    private readonly byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.Get("CursorSigning"), 32, info: KeyPurpose);

    public string Encode<TPosition>(TPosition position)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(position);
        var sealedCursor = new byte[NonceLength + plaintext.Length + TagLength];
        var nonce = sealedCursor.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, sealedCursor.AsSpan(NonceLength, plaintext.Length),
            sealedCursor.AsSpan(NonceLength + plaintext.Length), ListIdentity<TPosition>());
        return Base64UrlTextEncoder.Encode(sealedCursor);
    }

    public bool TryDecode<TPosition>(string cursor, out TPosition? position)
    {
        position = default;
        byte[] raw;
        try
        {
            raw = Base64UrlTextEncoder.Decode(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        if (raw.Length <= NonceLength + TagLength)
        {
            return false;
        }

        var plaintext = new byte[raw.Length - NonceLength - TagLength];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(raw.AsSpan(0, NonceLength), raw.AsSpan(NonceLength, plaintext.Length),
                raw.AsSpan(NonceLength + plaintext.Length), plaintext, ListIdentity<TPosition>());
            position = JsonSerializer.Deserialize<TPosition>(plaintext);
            return position is not null;
        }
        catch (Exception e) when (e is AuthenticationTagMismatchException or JsonException)
        {
            return false;
        }
    }

    private byte[] ListIdentity<TPosition>()
    {
        var context = accessor.HttpContext;
        var route = (context?.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
        return Encoding.UTF8.GetBytes($"{context?.Request.Method} {route} {typeof(TPosition).FullName}");
    }
}
