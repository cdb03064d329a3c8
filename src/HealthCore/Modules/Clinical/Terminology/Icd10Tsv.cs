namespace HealthCore.Modules.Clinical;

/// <summary>The terminology files' shared syntax: tab-separated UTF-8 rows; blank lines and lines starting with # are skipped.</summary>
internal static class Icd10Tsv
{
    public static IEnumerable<(int Line, string[] Fields)> Rows(TextReader reader, string file)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#' || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Any(f => f.Length == 0 || f != f.Trim()))
            {
                throw Error(file, number, "a field is empty or has leading or trailing spaces");
            }

            yield return (number, fields);
        }
    }

    public static FormatException Error(string file, int line, string problem) => new($"{file} line {line}: {problem}.");
}
