using System.Data.Common;
using HealthCore.Modules.Patients;
using HealthCore.Modules.Patients.Migrations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HealthCore.Tests.Modules.Patients;

/// <summary>Typo search through the deletion neighbourhood of the name vocabulary (symmetric delete).</summary>
public abstract class TypoSearchTests(PatientsApp app)
{
    [Theory]
    [InlineData("Okafor", "okafer")] // one letter wrong
    [InlineData("Kowalski", "kowalsi")] // one letter missing
    [InlineData("Nguyen", "nguyenn")] // one letter too many
    [InlineData("Rossi", "rosis")] // two neighbours swapped
    [InlineData("Hernandez", "hernadnes")] // a swap and a wrong letter in a long name
    [InlineData("Christensen", "kristensen")] // two edits: a wrong letter and a missing one
    public async Task A_family_name_within_its_typing_tolerance_is_found_as_a_typo(string family, string typed)
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New(family, "Ann"));

        var found = await PatientsApp.SearchAsync(client, $"family={typed}");

        found.ShouldHaveSingleItem(typed)!["id"]!.GetValue<string>().ShouldBe(patient.Id());
        found[0]!["match"]!.GetValue<string>().ShouldBe("typo");
    }

    [Theory]
    [InlineData("Okafor", "okafxx")] // two edits, but a six-letter term tolerates one
    [InlineData("Hernandez", "hxrnxndxz")] // three edits
    [InlineData("Lee", "lea")] // short terms must match exactly
    public async Task A_name_beyond_the_typing_tolerance_is_not_found(string family, string typed)
    {
        var client = app.Client(Guid.CreateVersion7());
        await PatientsApp.RegisterAsync(client, PatientData.New(family, "Ann"));

        (await PatientsApp.SearchAsync(client, $"family={typed}")).ShouldBeEmpty(typed);
    }

    [Fact]
    public async Task A_given_name_typo_is_found_through_the_given_names_vocabulary()
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New("Adeyemi", "Oluwaseun"));

        (await PatientsApp.SearchAsync(client, "given=oluwasuen")).ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldBe(patient.Id());
    }

    [Fact]
    public async Task The_migration_backfill_builds_the_same_neighbourhood_as_the_service()
    {
        var tenant = Guid.CreateVersion7();
        var client = app.Client(tenant);
        await PatientsApp.RegisterAsync(client, PatientData.New("Van der Berg-Lindqvist", "Ann Marie"));
        var expected = new[] { ("family", "van der berg lindqvist"), ("given", "ann marie") }
            .SelectMany(n => NameVocabulary.WordVariants(n.Item2).Select(v => $"{n.Item1}|{v}|{n.Item2}")).Order(StringComparer.Ordinal).ToList();
        var table = app.IsPostgres ? "patients.patient_name_variants" : "patient_name_variants";
        var tenantValue = app.IsPostgres ? tenant.ToString() : tenant.ToString().ToUpperInvariant();

        (await VariantsAsync(table, tenantValue)).ShouldBe(expected);
        await ExecuteAsync($"DELETE FROM {table} WHERE tenant_id = '{tenantValue}'");
        await ExecuteAsync(app.IsPostgres ? PatientsNameVariants.PostgresBackfill() : PatientsNameVariants.SqliteBackfill);

        (await VariantsAsync(table, tenantValue)).ShouldBe(expected);
    }

    private async Task<List<string>> VariantsAsync(string table, string tenant)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT kind, variant, key FROM {table} WHERE tenant_id = '{tenant}'";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)}|{reader.GetString(1)}|{reader.GetString(2)}");
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = app.IsPostgres ? new NpgsqlConnection(app.ConnectionString) : new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

[Collection(PatientsPostgresCollection.Name)]
public sealed class TypoSearchTests_on_Postgres(PatientsPostgresApp app) : TypoSearchTests(app);

[Collection(PatientsSqliteCollection.Name)]
public sealed class TypoSearchTests_on_Sqlite(PatientsSqliteApp app) : TypoSearchTests(app);
