namespace HealthCore.Tests.Platform.Database;

/// <summary>
/// What the drift test compares: tables (schema-qualified on PostgreSQL) with their columns, primary key,
/// unique indexes and foreign keys. Column order and index names are deliberately left out: neither changes behaviour.
/// </summary>
internal sealed record SchemaSnapshot(IReadOnlyList<TableSchema> Tables)
{
    public TableSchema? Table(string name) => Tables.SingleOrDefault(table => table.Name == name);

    public override string ToString() => string.Join(Environment.NewLine, Tables.Select(table => table.ToString()));
}

internal sealed record TableSchema(
    string Name,
    IReadOnlyList<ColumnSchema> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<UniqueIndexSchema> UniqueIndexes,
    IReadOnlyList<ForeignKeySchema> ForeignKeys)
{
    public ColumnSchema? Column(string name) => Columns.SingleOrDefault(column => column.Name == name);

    public override string ToString() =>
        $"{Name}: {string.Join(", ", Columns)}; primary key ({string.Join(", ", PrimaryKey)})"
        + string.Concat(UniqueIndexes.Select(index => $"; {index}"))
        + string.Concat(ForeignKeys.Select(foreignKey => $"; {foreignKey}"));
}

/// <param name="Default">The default as the database prints it, or null.</param>
/// <param name="Generated">How the database generates the value (identity, computed), or null.</param>
internal sealed record ColumnSchema(string Name, string StoreType, bool Nullable, string? Default = null, string? Generated = null)
{
    public override string ToString() =>
        $"{Name} {StoreType}{(Nullable ? " null" : " not null")}"
        + (Default is null ? "" : $" default {Default}")
        + (Generated is null ? "" : $" generated {Generated}");
}

/// <param name="Columns">Key columns in index order; an expression column is shown as its expression.</param>
/// <param name="Filter">The predicate of a partial index, or null.</param>
internal sealed record UniqueIndexSchema(IReadOnlyList<string> Columns, string? Filter = null)
{
    public override string ToString() => $"unique ({string.Join(", ", Columns)})" + (Filter is null ? "" : $" where {Filter}");
}

internal sealed record ForeignKeySchema(IReadOnlyList<string> Columns, string PrincipalTable, IReadOnlyList<string> PrincipalColumns, string OnDelete)
{
    public override string ToString() =>
        $"foreign key ({string.Join(", ", Columns)}) references {PrincipalTable} ({string.Join(", ", PrincipalColumns)}) on delete {OnDelete}";
}
