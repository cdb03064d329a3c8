namespace HealthCore.Tests.Platform.Database;

/// <summary>Lists, in words, every way the schema built by migrations differs from the schema the model would create.</summary>
internal static class SchemaComparer
{
    public static IReadOnlyList<string> Compare(SchemaSnapshot model, SchemaSnapshot migrated)
    {
        var differences = new List<string>();
        foreach (var table in model.Tables.Where(table => migrated.Table(table.Name) is null))
        {
            differences.Add($"table {table.Name}: in the model but missing from the migrated database");
        }

        foreach (var table in migrated.Tables.Where(table => model.Table(table.Name) is null))
        {
            differences.Add($"table {table.Name}: in the migrated database but not in the model");
        }

        foreach (var expected in model.Tables)
        {
            if (migrated.Table(expected.Name) is { } actual)
            {
                CompareTables(expected, actual, differences);
            }
        }

        return differences;
    }

    private static void CompareTables(TableSchema model, TableSchema migrated, List<string> differences)
    {
        foreach (var column in model.Columns)
        {
            var name = $"column {model.Name}.{column.Name}";
            if (migrated.Column(column.Name) is not { } actual)
            {
                differences.Add($"{name}: in the model but missing from the migrated database");
                continue;
            }

            if (!string.Equals(column.StoreType, actual.StoreType, StringComparison.Ordinal))
            {
                differences.Add($"{name}: type '{column.StoreType}' in the model vs '{actual.StoreType}' migrated");
            }

            if (column.Nullable != actual.Nullable)
            {
                differences.Add($"{name}: {Nullability(column)} in the model vs {Nullability(actual)} migrated");
            }

            if (!string.Equals(column.Default, actual.Default, StringComparison.Ordinal))
            {
                differences.Add($"{name}: default {column.Default ?? "none"} in the model vs {actual.Default ?? "none"} migrated");
            }

            if (!string.Equals(column.Generated, actual.Generated, StringComparison.Ordinal))
            {
                differences.Add($"{name}: generated {column.Generated ?? "never"} in the model vs {actual.Generated ?? "never"} migrated");
            }
        }

        foreach (var column in migrated.Columns.Where(column => model.Column(column.Name) is null))
        {
            differences.Add($"column {model.Name}.{column.Name}: in the migrated database but not in the model");
        }

        if (!model.PrimaryKey.SequenceEqual(migrated.PrimaryKey, StringComparer.Ordinal))
        {
            differences.Add($"table {model.Name}: primary key ({string.Join(", ", model.PrimaryKey)}) in the model vs ({string.Join(", ", migrated.PrimaryKey)}) migrated");
        }

        CompareSets(model.Name, model.UniqueIndexes.Select(index => index.ToString()), migrated.UniqueIndexes.Select(index => index.ToString()), differences);
        CompareSets(model.Name, model.ForeignKeys.Select(key => key.ToString()), migrated.ForeignKeys.Select(key => key.ToString()), differences);
    }

    private static void CompareSets(string table, IEnumerable<string> model, IEnumerable<string> migrated, List<string> differences)
    {
        // Multisets, so that a duplicated index on one side is a difference too.
        var expected = model.ToList();
        var actual = migrated.ToList();
        differences.AddRange(Without(expected, actual).Select(item => $"table {table}: {item} in the model but missing from the migrated database"));
        differences.AddRange(Without(actual, expected).Select(item => $"table {table}: {item} in the migrated database but not in the model"));
    }

    private static List<string> Without(IEnumerable<string> items, IEnumerable<string> removed)
    {
        var remaining = items.ToList();
        foreach (var item in removed)
        {
            remaining.Remove(item);
        }

        return remaining;
    }

    private static string Nullability(ColumnSchema column) => column.Nullable ? "nullable" : "not null";
}
