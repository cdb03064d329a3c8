using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HealthCore.Tests.Platform.Observability;

internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

internal sealed record PrometheusFamily(string Name, string Type, string? Help, IReadOnlyList<PrometheusSample> Samples);

/// <summary>
/// A strict reader of the text exposition format 0.0.4, independent of the exporter's own code: it checks the line
/// grammar, one HELP and TYPE per family before its samples, samples belonging to their family, and histogram
/// invariants (cumulative buckets, an +Inf bucket equal to _count, a _sum), and throws on the first violation.
/// </summary>
internal static partial class PrometheusExposition
{
    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        text.ShouldEndWith("\n", customMessage: "the exposition ends with a line feed");
        var families = new Dictionary<string, (string Type, string? Help, List<PrometheusSample> Samples)>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in text[..^1].Split('\n'))
        {
            if (HelpLine().Match(line) is { Success: true } help)
            {
                var name = help.Groups["name"].Value;
                families.ContainsKey(name).ShouldBeFalse($"HELP for {name} must come once, before its TYPE: {line}");
                families[name] = ("untyped", help.Groups["text"].Value, []);
                current = null;
            }
            else if (TypeLine().Match(line) is { Success: true } type)
            {
                var name = type.Groups["name"].Value;
                if (families.TryGetValue(name, out var family))
                {
                    (family.Type == "untyped" && family.Samples.Count == 0).ShouldBeTrue($"a second TYPE line for {name}: {line}");
                }

                families[name] = (type.Groups["type"].Value, family.Help, []);
                current = name;
            }
            else if (line.StartsWith('#'))
            {
                throw new ShouldAssertException($"unexpected comment line: {line}");
            }
            else
            {
                var sample = ParseSample(line);
                current.ShouldNotBeNull($"a sample before any TYPE line: {line}");
                var family = families[current];
                BelongsTo(sample.Name, current, family.Type).ShouldBeTrue($"sample {sample.Name} outside its family {current}: {line}");
                family.Samples.Add(sample);
            }
        }

        var result = families.ToDictionary(
            f => f.Key, f => new PrometheusFamily(f.Key, f.Value.Type, f.Value.Help, f.Value.Samples), StringComparer.Ordinal);
        foreach (var family in result.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family);
        }

        return result;
    }

    public static PrometheusSample ParseSample(string line)
    {
        var match = SampleLine().Match(line);
        match.Success.ShouldBeTrue($"not a valid exposition sample line: {line}");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
        {
            labels.TryAdd(label.Groups["name"].Value, Unescape(label.Groups["value"].Value)).ShouldBeTrue($"a repeated label in {line}");
        }

        return new PrometheusSample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value));
    }

    /// <summary>The one sample of a family whose labels include all the given ones.</summary>
    public static PrometheusSample Single(this IReadOnlyDictionary<string, PrometheusFamily> families, string family, string sample, params (string Name, string Value)[] labels)
    {
        families.ContainsKey(family).ShouldBeTrue($"the exposition has a {family} family");
        var matching = families[family].Samples
            .Where(s => s.Name == sample && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value))
            .ToList();
        matching.Count.ShouldBe(1, $"{sample} with {string.Join(",", labels)}");
        return matching[0];
    }

    private static void CheckHistogram(PrometheusFamily family)
    {
        foreach (var series in family.Samples.GroupBy(s => SeriesKey(s.Labels)))
        {
            var buckets = series.Where(s => s.Name == family.Name + "_bucket").ToList();
            buckets.ShouldNotBeEmpty($"{family.Name}{{{series.Key}}} has no buckets");
            buckets.ShouldAllBe(b => b.Labels.ContainsKey("le"));
            var ordered = buckets.OrderBy(b => ParseValue(b.Labels["le"])).ToList();
            ordered.Select(b => b.Labels["le"]).ShouldBe(buckets.Select(b => b.Labels["le"]), $"{family.Name} buckets in increasing le order");
            ordered.Select(b => b.Labels["le"]).Distinct().Count().ShouldBe(ordered.Count, $"{family.Name} repeats a bucket");
            ordered[^1].Labels["le"].ShouldBe("+Inf", $"{family.Name}{{{series.Key}}} ends with the +Inf bucket");
            for (var i = 1; i < ordered.Count; i++)
            {
                ordered[i].Value.ShouldBeGreaterThanOrEqualTo(ordered[i - 1].Value, $"{family.Name} buckets are cumulative");
            }

            var count = series.Where(s => s.Name == family.Name + "_count").ShouldHaveSingleItem($"{family.Name} has one _count per series");
            count.Value.ShouldBe(ordered[^1].Value, $"{family.Name}{{{series.Key}}}: +Inf bucket equals _count");
            series.Count(s => s.Name == family.Name + "_sum").ShouldBe(1, $"{family.Name} has one _sum per series");
        }
    }

    private static string SeriesKey(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    private static bool BelongsTo(string sample, string family, string type) => type switch
    {
        "histogram" => sample == family + "_bucket" || sample == family + "_sum" || sample == family + "_count",
        "summary" => sample == family || sample == family + "_sum" || sample == family + "_count",
        _ => sample == family,
    };

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Unescape(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                text.Append(value[i]);
                continue;
            }

            text.Append(value[++i] switch
            {
                'n' => '\n',
                '\\' => '\\',
                '"' => '"',
                var other => throw new ShouldAssertException($"unknown escape \\{other} in {value}"),
            });
        }

        return text.ToString();
    }

    private const string Name = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private const string LabelName = "[a-zA-Z_][a-zA-Z0-9_]*";
    private const string LabelValue = """(?:[^"\\\n]|\\[\\"n])*""";

    [GeneratedRegex($"""^# HELP (?<name>{Name}) (?<text>(?:[^\\\n]|\\[\\n])*)$""")]
    private static partial Regex HelpLine();

    [GeneratedRegex($"^# TYPE (?<name>{Name}) (?<type>counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex($$"""^(?<name>{{Name}})(?:\{(?<labels>{{LabelName}}="{{LabelValue}}"(?:,{{LabelName}}="{{LabelValue}}")*,?)?\})? (?<value>[+-]Inf|NaN|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?: -?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex($"(?<name>{LabelName})=\"(?<value>{LabelValue})\"")]
    private static partial Regex LabelPair();
}
