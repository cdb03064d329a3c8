using System.Globalization;
using System.Text;

namespace HealthCore.Platform.Observability;

internal enum PrometheusType
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>
/// The Prometheus text exposition format 0.0.4: OpenTelemetry-style names turned into Prometheus ones
/// (healthcore.http.request.duration in seconds becomes healthcore_http_request_duration_seconds), and escaping.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string MetricName(string name, string? unit, PrometheusType type)
    {
        var metric = Sanitize(name, allowColon: true);
        if (UnitSuffix(unit) is { } suffix && !metric.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            metric += "_" + suffix;
        }

        if (type == PrometheusType.Counter && !metric.EndsWith("_total", StringComparison.Ordinal))
        {
            metric += "_total";
        }

        return metric;
    }

    public static string LabelName(string name) => Sanitize(name, allowColon: false);

    /// <summary>The label pairs inside the braces, sorted by name so equal tag sets give equal text.</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var pairs = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            pairs[i] = new(LabelName(tags[i].Key), Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "");
        }

        Array.Sort(pairs, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            AppendLabel(text, key, value);
        }

        return text.ToString();
    }

    public static void AppendLabel(StringBuilder text, string name, string value)
    {
        if (text.Length > 0)
        {
            text.Append(',');
        }

        text.Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
    }

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static void AppendFamilyHeader(StringBuilder text, string name, string help, PrometheusType type) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type.ToString().ToLowerInvariant()).Append('\n');

    public static void AppendSample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    /// <summary>Writes _bucket lines (cumulative, ending with le="+Inf"), _sum and _count from per-bucket counts.</summary>
    public static void AppendHistogram(StringBuilder text, string name, string labels, IReadOnlyList<double> bounds, IReadOnlyList<long> bucketCounts, double sum)
    {
        long cumulative = 0;
        for (var i = 0; i <= bounds.Count; i++)
        {
            cumulative += bucketCounts[i];
            var bucketLabels = new StringBuilder(labels);
            AppendLabel(bucketLabels, "le", i < bounds.Count ? FormatValue(bounds[i]) : "+Inf");
            AppendSample(text, name + "_bucket", bucketLabels.ToString(), cumulative);
        }

        AppendSample(text, name + "_sum", labels, sum);
        AppendSample(text, name + "_count", labels, cumulative);
    }

    // Curly-brace units are annotations ({request}); the rest follow the OpenTelemetry-to-Prometheus mapping.
    private static string? UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => null,
        ['{', ..] => null,
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        "%" => "percent",
        _ when unit.All(char.IsAsciiLetterOrDigit) => unit.ToLowerInvariant(),
        _ => null,
    };

    private static string Sanitize(string name, bool allowColon)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            if (valid)
            {
                text.Append(c);
            }
            else if (text.Length == 0 || text[^1] != '_')
            {
                text.Append('_');
            }
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
