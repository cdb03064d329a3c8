using System.Security.Cryptography;
using System.Text.Json;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authentication;

namespace HealthCore.Platform.Http.Paging;

/// <summary>
/// Opaque, tamper-evident cursors: the keyset position as JSON, signed with HMAC-SHA256 under a server key,
/// so a caller can neither read meaning into a cursor nor forge one to skip tenant filters.
/// </summary>
internal sealed class CursorCodec(SecretKeyStore keys)
{
    private const int TagLength = 16;
    private readonly byte[] key = keys.Get("CursorSigning");

    public string Encode<TPosition>(TPosition position)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(position);
        var tag = HMACSHA256.HashData(key, payload).AsSpan(0, TagLength);
        return Base64UrlTextEncoder.Encode([.. payload, .. tag]);
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

        if (raw.Length <= TagLength)
        {
            return false;
        }

        var payload = raw.AsSpan(0, raw.Length - TagLength);
        var expected = HMACSHA256.HashData(key, payload).AsSpan(0, TagLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, raw.AsSpan(raw.Length - TagLength)))
        {
            return false;
        }

        try
        {
            position = JsonSerializer.Deserialize<TPosition>(payload);
            return position is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
