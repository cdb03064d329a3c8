using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthCore.Modules.Notifications;

/// <summary>
/// The template language, deliberately tiny: literal text and <c>{{path.to.value}}</c> placeholders whose value is
/// looked up in the JSON payload by property names, nothing else (no expressions, filters, loops, code or access to
/// any object but the payload), so a template author cannot reach data or run code, and a payload value is always
/// text: a value that looks like a placeholder or markup is inserted as it is (escaped for HTML), never evaluated.
/// </summary>
internal static partial class TemplateText
{
    /// <summary>Renders each value through this before inserting it (e.g. HTML escaping).</summary>
    internal enum ValueEncoding
    {
        Plain,
        Html,

        /// <summary>A single header line: control characters (CR, LF, tab, ...) become spaces, against header injection.</summary>
        HeaderLine,
    }

    /// <summary>Null when the text is well formed, else why not (an unclosed or malformed placeholder).</summary>
    public static string? Check(string text)
    {
        var outside = Placeholder().Replace(text, "");
        var stray = outside.IndexOf("{{", StringComparison.Ordinal) is var open and >= 0 ? open : outside.IndexOf("}}", StringComparison.Ordinal);
        return stray < 0
            ? null
            : "A placeholder is malformed: write {{name}} or {{path.to.name}} with letters, digits and underscores only.";
    }

    /// <summary>
    /// The text with every placeholder replaced by its payload value, encoded; placeholders without a usable value
    /// are reported in <paramref name="problems"/> (path to message) and rendered empty.
    /// </summary>
    public static string Render(string text, JsonElement payload, ValueEncoding encoding, IDictionary<string, string> problems)
    {
        var rendered = Placeholder().Replace(text, match =>
        {
            var path = match.Groups["path"].Value;
            var (value, problem) = Lookup(payload, path);
            if (problem is not null)
            {
                problems.TryAdd(path, problem);
                return "";
            }

            return Encode(value!, encoding);
        });
        return encoding == ValueEncoding.HeaderLine ? ToHeaderLine(rendered) : rendered;
    }

    private static (string? Value, string? Problem) Lookup(JsonElement payload, string path)
    {
        var current = payload;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return (null, "The payload has no value for this placeholder.");
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => (current.GetString(), null),
            JsonValueKind.Number => (current.GetRawText(), null),
            JsonValueKind.True => ("true", null),
            JsonValueKind.False => ("false", null),
            JsonValueKind.Null => (null, "The payload has no value for this placeholder (it is null)."),
            _ => (null, "The payload's value for this placeholder is an object or array, not a single value."),
        };
    }

    private static string Encode(string value, ValueEncoding encoding) => encoding switch
    {
        ValueEncoding.Html => WebUtility.HtmlEncode(value),
        ValueEncoding.HeaderLine => ToHeaderLine(value),
        _ => value,
    };

    private static string ToHeaderLine(string value)
    {
        var line = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            line.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }

        return line.ToString().Trim();
    }

    /// <summary>Whether the text contains a line break (subjects must not).</summary>
    public static bool HasLineBreak(string text) =>
        text.AsSpan().IndexOfAny('\r', '\n') >= 0 || text.Contains('\u2028', StringComparison.Ordinal) || text.Contains('\u2029', StringComparison.Ordinal);

    /// <summary>The distinct placeholder paths in the text, in order of appearance.</summary>
    public static IReadOnlyList<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups["path"].Value).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\{\{\s*(?<path>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();
}
