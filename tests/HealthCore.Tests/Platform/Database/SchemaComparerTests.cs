namespace HealthCore.Tests.Platform.Database;

public sealed class SchemaComparerTests
{
    private static readonly TableSchema Notes = new(
        "notes",
        [new ColumnSchema("id", "uuid", false), new ColumnSchema("title", "character varying(200)", false), new ColumnSchema("due_at", "timestamp with time zone", true)],
        ["id"],
        [new UniqueIndexSchema(["title"])],
        []);

    private static readonly TableSchema Tags = new("tags", [new ColumnSchema("note_id", "uuid", false), new ColumnSchema("tag", "text", false)], ["note_id", "tag"], [], [
        new ForeignKeySchema(["note_id"], "notes", ["id"], "cascade"),
    ]);

    private static readonly SchemaSnapshot Model = new([Notes, Tags]);

    [Fact]
    public void Equal_schemas_have_no_differences() =>
        SchemaComparer.Compare(Model, Model with { Tables = [Tags with { }, Notes with { }] }).ShouldBeEmpty();

    [Fact]
    public void A_column_of_another_type_is_reported_with_both_types() =>
        SchemaComparer.Compare(Model, WithNotes(Notes with { Columns = Replace(Notes.Columns, new ColumnSchema("due_at", "text", true)) }))
            .ShouldBe(["column notes.due_at: type 'timestamp with time zone' in the model vs 'text' migrated"]);

    [Fact]
    public void A_column_of_other_nullability_is_reported() =>
        SchemaComparer.Compare(Model, WithNotes(Notes with { Columns = Replace(Notes.Columns, new ColumnSchema("due_at", "timestamp with time zone", false)) }))
            .ShouldBe(["column notes.due_at: nullable in the model vs not null migrated"]);

    [Fact]
    public void A_column_with_another_default_or_generation_is_reported() =>
        SchemaComparer.Compare(Model, WithNotes(Notes with { Columns = Replace(Notes.Columns, new ColumnSchema("title", "character varying(200)", false, "''::character varying", "always as stored")) }))
            .ShouldBe([
                "column notes.title: default none in the model vs ''::character varying migrated",
                "column notes.title: generated never in the model vs always as stored migrated",
            ]);

    [Fact]
    public void Missing_and_extra_columns_are_reported() =>
        SchemaComparer.Compare(Model, WithNotes(Notes with { Columns = [Notes.Columns[0], Notes.Columns[1], new ColumnSchema("due", "timestamp with time zone", true)] }))
            .ShouldBe([
                "column notes.due_at: in the model but missing from the migrated database",
                "column notes.due: in the migrated database but not in the model",
            ]);

    [Fact]
    public void Missing_and_extra_tables_are_reported() =>
        SchemaComparer.Compare(Model, new SchemaSnapshot([Notes, Tags with { Name = "note_tags" }]))
            .ShouldBe([
                "table tags: in the model but missing from the migrated database",
                "table note_tags: in the migrated database but not in the model",
            ]);

    [Fact]
    public void A_different_primary_key_is_reported() =>
        SchemaComparer.Compare(Model, new SchemaSnapshot([Notes, Tags with { PrimaryKey = ["tag", "note_id"] }]))
            .ShouldBe(["table tags: primary key (note_id, tag) in the model vs (tag, note_id) migrated"]);

    [Fact]
    public void A_missing_unique_index_is_reported() =>
        SchemaComparer.Compare(Model, WithNotes(Notes with { UniqueIndexes = [] }))
            .ShouldBe(["table notes: unique (title) in the model but missing from the migrated database"]);

    [Fact]
    public void A_unique_index_on_other_columns_or_with_another_filter_is_reported()
    {
        SchemaComparer.Compare(Model, WithNotes(Notes with { UniqueIndexes = [new UniqueIndexSchema(["title", "due_at"])] }))
            .ShouldBe([
                "table notes: unique (title) in the model but missing from the migrated database",
                "table notes: unique (title, due_at) in the migrated database but not in the model",
            ]);
        SchemaComparer.Compare(Model, WithNotes(Notes with { UniqueIndexes = [new UniqueIndexSchema(["title"], "(due_at IS NULL)")] }))
            .ShouldBe([
                "table notes: unique (title) in the model but missing from the migrated database",
                "table notes: unique (title) where (due_at IS NULL) in the migrated database but not in the model",
            ]);
    }

    [Fact]
    public void A_duplicated_unique_index_is_reported() =>
        SchemaComparer.Compare(Model, WithNotes(Notes with { UniqueIndexes = [new UniqueIndexSchema(["title"]), new UniqueIndexSchema(["title"])] }))
            .ShouldBe(["table notes: unique (title) in the migrated database but not in the model"]);

    [Fact]
    public void A_foreign_key_with_another_delete_rule_is_reported() =>
        SchemaComparer.Compare(Model, new SchemaSnapshot([Notes, Tags with { ForeignKeys = [new ForeignKeySchema(["note_id"], "notes", ["id"], "no action")] }]))
            .ShouldBe([
                "table tags: foreign key (note_id) references notes (id) on delete cascade in the model but missing from the migrated database",
                "table tags: foreign key (note_id) references notes (id) on delete no action in the migrated database but not in the model",
            ]);

    private static SchemaSnapshot WithNotes(TableSchema notes) => new([notes, Tags]);

    private static List<ColumnSchema> Replace(IEnumerable<ColumnSchema> columns, ColumnSchema replacement) =>
        [.. columns.Select(column => column.Name == replacement.Name ? replacement : column)];
}
