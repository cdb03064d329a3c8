using System.Data.Common;
using HealthCore.Modules.Clinical;
using HealthCore.Modules.Patients;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>
/// The patients' embedded allergies and conditions become records: a database at the migrations before
/// 202612031500 with patients carrying lists, migrated, then its outbox delivered.
/// </summary>
public abstract class ClinicalListsMigrationTests
{
    private readonly DatabaseProvider provider;

    private protected ClinicalListsMigrationTests(DatabaseProvider provider) => this.provider = provider;

    private const string FirstMigrationOfTheRecords = "202612031500";

    [Fact]
    public async Task Migrating_moves_every_patients_embedded_lists_into_allergy_and_problem_records_and_drops_the_columns()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider, "clinical-lists");
        using var instance = database.Instance();
        await MigrateBeforeTheRecordsAsync(instance);
        var tenant = Guid.CreateVersion7();
        var (listed, empty) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await InsertPatientAsync(database, tenant, listed, "MRN-1",
            """
            [{"substance":"Penicillin","code":"PCN","reaction":"Hives","severity":"severe","criticality":"high","status":"active","recordedDate":"2019-04-05"},
             {"substance":"Latex","status":"resolved"},
             {"substance":"Penicillin again","code":"PCN","status":"active"}]
            """,
            """
            [{"code":"E11.9","display":"Diabetes","onset":"2015-02-03","clinicalStatus":"remission","notes":"Diet controlled"},
             {"code":"Z99.999","display":"Not in the catalogue"}]
            """);
        await InsertPatientAsync(database, tenant, empty, "MRN-2", "[]", "[]");

        await instance.Services.MigrateDatabasesAsync();

        (await ColumnsAsync(database)).ShouldNotContain("allergies");
        (await ColumnsAsync(database)).ShouldNotContain("conditions");
        await instance.Services.GetRequiredService<OutboxProcessor>().DispatchPendingAsync(CancellationToken.None);

        await using var scope = instance.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenant, null);
        var db = scope.ServiceProvider.GetRequiredService<ClinicalDb>();
        var allergies = await db.Allergies.AsNoTracking().Where(a => a.PatientId == listed).ToListAsync();
        var problems = await db.Problems.AsNoTracking().Where(p => p.PatientId == listed).ToListAsync();

        allergies.Select(a => a.SubstanceDisplay).Order().ShouldBe(["Latex", "Penicillin"], ignoreOrder: false, "the repeated active code is not recorded twice");
        var penicillin = allergies.Single(a => a.SubstanceDisplay == "Penicillin");
        penicillin.SubstanceSystem.ShouldBe(ClinicalListsFromPatientRecords.UnspecifiedCodeSystem);
        penicillin.SubstanceCode.ShouldBe("PCN");
        penicillin.Criticality.ShouldBe(AllergyCriticality.High);
        penicillin.ClinicalStatus.ShouldBe(AllergyClinicalStatus.Active);
        penicillin.VerificationStatus.ShouldBe(AllergyVerificationStatus.Unconfirmed);
        penicillin.Reactions.ShouldHaveSingleItem().ShouldBe(new AllergyReaction(new ClinicalCode(null, null, "Hives"), ReactionSeverity.Severe, null, null));
        penicillin.RecordedAt.ShouldBe(new DateTimeOffset(2019, 4, 5, 0, 0, 0, TimeSpan.Zero));
        penicillin.TenantId.ShouldBe(tenant);
        var latex = allergies.Single(a => a.SubstanceDisplay == "Latex");
        (latex.ClinicalStatus, latex.SubstanceCode, latex.Reactions.Count).ShouldBe((AllergyClinicalStatus.Resolved, null, 0));

        var diabetes = problems.Single(p => p.Code == "E11.9");
        diabetes.Display.ShouldBe("Type 2 diabetes mellitus without complications");
        diabetes.CodeSystem.ShouldBe("http://hl7.org/fhir/sid/icd-10-cm");
        diabetes.ClinicalStatus.ShouldBe(ConditionClinicalStatus.Remission);
        diabetes.VerificationStatus.ShouldBe(ConditionVerificationStatus.Unconfirmed);
        diabetes.OnsetAt.ShouldBe(new DateTimeOffset(2015, 2, 3, 0, 0, 0, TimeSpan.Zero));
        diabetes.Note.ShouldBe("Diet controlled");
        problems.Single(p => p.Code == "Z99.999").Display.ShouldBe("Not in the catalogue");

        var history = await db.ReadAsync<AllergyResponse>(penicillin.Id, CancellationToken.None);
        var first = history.Items.ShouldHaveSingleItem();
        (first.Number, first.Action, first.Reason).ShouldBe((1, "create", ClinicalListsFromPatientRecords.Provenance));
        (await db.Allergies.CountAsync(a => a.PatientId == empty) + await db.Problems.CountAsync(p => p.PatientId == empty)).ShouldBe(0);
    }

    private static async Task MigrateBeforeTheRecordsAsync(ServiceInstance instance)
    {
        foreach (var module in instance.Services.GetServices<ModuleDbRegistration>())
        {
            var (scope, db) = instance.Context(module.ContextType);
            await using (scope)
            {
                var migrations = db.Database.GetMigrations().ToList();
                if (migrations.All(m => string.CompareOrdinal(m, FirstMigrationOfTheRecords) >= 0))
                {
                    // A module that came after the records has nothing to migrate before them.
                    continue;
                }

                if (migrations.Any(m => string.CompareOrdinal(m, FirstMigrationOfTheRecords) >= 0))
                {
                    // EF Core takes a target as an id only with a 14-digit timestamp; our ids have 12, so it matches the target by what it
                    // reads as the id's name: all after the first 15 characters.
                    await db.GetService<IMigrator>().MigrateAsync(migrations.Last(m => string.CompareOrdinal(m, FirstMigrationOfTheRecords) < 0)[15..]);
                }
                else
                {
                    await db.Database.MigrateAsync();
                }
            }
        }
    }

    private async Task InsertPatientAsync(ThrowawayDatabase database, Guid tenant, Guid id, string mrn, string allergies, string conditions)
    {
        var postgres = provider == DatabaseProvider.Postgres;
        await using DbConnection connection = postgres ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $$"""
            INSERT INTO {{(postgres ? "patients." : "")}}patients (id, tenant_id, version, mrn, name, other_names, family_key, given_key, birth_date, gender,
                identifiers, protected_identifiers, telecom, addresses, emergency_contacts, deceased, allergies, conditions, past_surgeries,
                current_medications, consents, active, created_at, updated_at)
            VALUES (@id, @tenant, 0, @mrn, '{"family":"Legacy"}', '[]', 'legacy', '', @birth, 'Female', '[]', '[]', '[]', '[]', '[]', @no,
                @allergies, @conditions, '[]', '[]', '[]', @yes, @at, @at)
            """;
        var at = DateTimeOffset.UtcNow;
        (string Name, object Value)[] values =
        [
            ("id", postgres ? id : id.ToString().ToUpperInvariant()), ("tenant", postgres ? tenant : tenant.ToString().ToUpperInvariant()), ("mrn", mrn),
            ("birth", postgres ? new DateOnly(1970, 1, 1) : "1970-01-01"), ("no", postgres ? false : 0), ("yes", postgres ? true : 1),
            ("allergies", allergies), ("conditions", conditions), ("at", postgres ? at : InstantStorage.ToSqliteText(at)),
        ];
        foreach (var (name, value) in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> ColumnsAsync(ThrowawayDatabase database)
    {
        var postgres = provider == DatabaseProvider.Postgres;
        await using DbConnection connection = postgres ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = postgres
            ? $"SELECT column_name FROM information_schema.columns WHERE table_schema = '{PatientsDb.SchemaName}' AND table_name = 'patients'"
            : "SELECT name FROM pragma_table_info('patients')";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        columns.ShouldContain("mrn");
        return columns;
    }
}

public sealed class ClinicalListsMigrationTests_on_Postgres() : ClinicalListsMigrationTests(DatabaseProvider.Postgres);

public sealed class ClinicalListsMigrationTests_on_Sqlite() : ClinicalListsMigrationTests(DatabaseProvider.Sqlite);
