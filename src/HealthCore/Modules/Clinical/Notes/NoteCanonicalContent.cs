using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HealthCore.Modules.Clinical.Notes;

/// <summary>
/// What a signature vouches for, as bytes anyone can rebuild from the note's JSON to check its hash.
/// </summary>
/// <remarks>
/// Why a hand-written form rather than the response or stored JSON: those follow serializer settings, property order
/// and column formats that may change, and a hash must stay reproducible for as long as the record is kept. The
/// canonical form is one JSON object, UTF-8, with no whitespace outside strings, members in exactly this order:
/// <c>{"resourceType":"Composition","id":…,"version":…,"type":…,"encounter":…,"subject":…,"author":…,"title":…,
/// "section":[{"title":…,"text":…},…],"amends":…}</c>; ids are lower-case hyphenated GUIDs, <c>version</c> is the
/// version number, <c>type</c> the LOINC code, sections in their order, and <c>amends</c> is null for the first
/// version or <c>{"hash":…,"reason":…}</c> naming the signed version it replaces, so the versions form a hash chain.
/// Strings escape only what JSON requires (quote, backslash, control characters as \uXXXX or their short forms) and
/// keep every other character as UTF-8, except characters outside the Basic Multilingual Plane, which the .NET encoder
/// writes as \uXXXX surrogate pairs. Signer and time are recorded beside the hash, not in it: the signer is always the
/// version's author, and the time is the database's, whose precision differs between providers.
/// </remarks>
internal static class NoteCanonicalContent
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static byte[] Of(Note note, NoteVersion version, NoteVersion? amended)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("resourceType", "Composition");
            json.WriteString("id", note.Id.ToString("D"));
            json.WriteNumber("version", version.Number);
            json.WriteString("type", note.Type.LoincCode());
            json.WriteString("encounter", note.EncounterId.ToString("D"));
            json.WriteString("subject", note.PatientId.ToString("D"));
            json.WriteString("author", version.AuthorId.ToString("D"));
            json.WriteString("title", version.Title);
            json.WriteStartArray("section");
            foreach (var section in version.Sections)
            {
                json.WriteStartObject();
                json.WriteString("title", section.Title);
                json.WriteString("text", section.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (amended is null)
            {
                json.WriteNull("amends");
            }
            else
            {
                json.WriteStartObject("amends");
                json.WriteString("hash", amended.ContentHash);
                json.WriteString("reason", version.AmendmentReason);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string HashOf(Note note, NoteVersion version, NoteVersion? amended) =>
        Convert.ToHexStringLower(SHA256.HashData(Of(note, version, amended)));
}
