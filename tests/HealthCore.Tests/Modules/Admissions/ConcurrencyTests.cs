using System.Data.Common;
using HealthCore.Platform.Database;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HealthCore.Tests.Modules.Admissions;

/// <summary>Races the database must decide: many requests for one bed, one patient into many beds.</summary>
public abstract class ConcurrencyTests(AdmissionsApp app)
{
    // SQLite serialises writers on the file, so a smaller crowd proves the same rules without long lock waits.
    private int Crowd => app.Provider == DatabaseProvider.Postgres ? 50 : 10;

    [Fact]
    public async Task Many_admissions_racing_for_one_bed_leave_exactly_one_patient_in_it()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        var patients = Enumerable.Range(0, Crowd).Select(_ => adt.Patient()).ToList();

        var responses = await Task.WhenAll(patients.Select(p => adt.AdmitAsync(adt.NewAdmission(p, bed))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var problem = await ProblemAssertions.ShouldBeProblemAsync(loser, HttpStatusCode.Conflict);
            problem.GetProperty("rule").GetString().ShouldBeOneOf("bed-not-available", "concurrent-change");
        }

        await ShouldHoldOneOpenOccupancyAsync("bed_id", bed);
        (await ScalarAsync("SELECT COUNT(*) FROM {admissions} WHERE bed_id = @id AND closed_at IS NULL", bed)).ShouldBe(1);
        (await ScalarAsync("SELECT COUNT(*) FROM {admission_events} WHERE bed_id = @id AND bed_status_to = 'Occupied'", bed)).ShouldBe(1);
        var winner = await Adt.CreatedAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Created));
        (await adt.GetAsync($"/api/v1/beds/{bed}")).GetProperty("admissionId").GetGuid().ShouldBe(winner.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Many_transfers_racing_for_one_bed_move_exactly_one_patient_into_it()
    {
        var adt = new Adt(app);
        var ward = await adt.WardAsync(capacity: 100);
        var target = await adt.BedAsync(ward);
        var admissions = new List<Guid>();
        for (var i = 0; i < Crowd; i++)
        {
            admissions.Add((await adt.AdmitAsync(adt.Patient(), await adt.BedAsync(ward))).GetProperty("id").GetGuid());
        }

        var responses = await Task.WhenAll(admissions.Select(a =>
            adt.PostAsync($"/api/v1/admissions/{a}/transfer", new TransferBody(target, "Side room"))));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Where(r => r.StatusCode != HttpStatusCode.OK).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Conflict);
        await ShouldHoldOneOpenOccupancyAsync("bed_id", target);
        (await ScalarAsync("SELECT COUNT(*) FROM {admission_events} WHERE type = 'Transferred' AND bed_id = @id", target)).ShouldBe(1);
        (await ScalarAsync("SELECT COUNT(*) FROM {bed_occupancies} WHERE ward_id = @id AND released_at IS NULL", ward)).ShouldBe(Crowd);
    }

    [Fact]
    public async Task One_patient_racing_into_many_beds_is_admitted_once_and_holds_one_bed()
    {
        var adt = new Adt(app);
        var ward = await adt.WardAsync(capacity: 100);
        var beds = new List<Guid>();
        for (var i = 0; i < Math.Min(Crowd, 20); i++)
        {
            beds.Add(await adt.BedAsync(ward));
        }

        var patient = adt.Patient();

        var responses = await Task.WhenAll(beds.Select(b => adt.AdmitAsync(adt.NewAdmission(patient, b))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var problem = await ProblemAssertions.ShouldBeProblemAsync(loser, HttpStatusCode.Conflict);
            problem.GetProperty("rule").GetString().ShouldBe("patient-already-admitted");
        }

        (await ScalarAsync("SELECT COUNT(*) FROM {admissions} WHERE patient_id = @id", patient)).ShouldBe(1);
        await ShouldHoldOneOpenOccupancyAsync("patient_id", patient);
        var occupied = (await adt.GetAsync($"/api/v1/beds?wardId={ward}&status=occupied")).GetProperty("items").GetArrayLength();
        occupied.ShouldBe(1);
    }

    [Fact]
    public async Task A_discharge_racing_a_transfer_leaves_the_admission_closed_and_no_bed_occupied_by_it()
    {
        var adt = new Adt(app);
        var id = (await adt.AdmitAsync(adt.Patient(), await adt.BedInNewWardAsync())).GetProperty("id").GetGuid();
        var target = await adt.BedInNewWardAsync();

        var responses = await Task.WhenAll(
            adt.PostAsync($"/api/v1/admissions/{id}/discharge", new DischargeBody("normal")),
            adt.PostAsync($"/api/v1/admissions/{id}/transfer", new TransferBody(target, "Move")));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        var admission = await adt.GetAsync($"/api/v1/admissions/{id}");
        if (responses[0].StatusCode == HttpStatusCode.OK)
        {
            admission.GetProperty("status").GetString().ShouldBe("discharged");
            (await ScalarAsync("SELECT COUNT(*) FROM {bed_occupancies} WHERE admission_id = @id AND released_at IS NULL", id)).ShouldBe(0);
        }
        else
        {
            admission.GetProperty("status").GetString().ShouldBe("active");
            (await ScalarAsync("SELECT COUNT(*) FROM {bed_occupancies} WHERE admission_id = @id AND released_at IS NULL", id)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_open_occupancy_of_a_bed_or_a_second_open_admission_of_a_patient()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        var patient = adt.Patient();
        var admission = (await adt.AdmitAsync(patient, bed)).GetProperty("id").GetGuid();
        var postgres = app.Provider == DatabaseProvider.Postgres;
        string Text(Guid id) => postgres ? $"'{id}'" : $"'{id.ToString().ToUpperInvariant()}'";
        string Table(string name) => postgres ? $"admissions.{name}" : name;
        var tenant = Text(adt.Tenant);
        var now = postgres ? "now()" : "'2026-01-01T00:00:00.0000000Z'";

        var secondOccupant = await Should.ThrowAsync<DbException>(() => ExecuteAsync(
            $"INSERT INTO {Table("bed_occupancies")} (id, tenant_id, bed_id, ward_id, admission_id, patient_id, occupied_at) "
            + $"VALUES ({Text(Guid.CreateVersion7())}, {tenant}, {Text(bed)}, {Text(Guid.CreateVersion7())}, {Text(Guid.CreateVersion7())}, {Text(Guid.CreateVersion7())}, {now})"));
        var secondAdmission = await Should.ThrowAsync<DbException>(() => ExecuteAsync(
            $"INSERT INTO {Table("admissions")} (id, tenant_id, version, patient_id, admitting_practitioner_id, department_id, reason, type, acuity, "
            + "isolation_required, status, admitted_at, transfer_count, last_sequence, last_movement_at, created_at) "
            + $"VALUES ({Text(Guid.CreateVersion7())}, {tenant}, 0, {Text(patient)}, {Text(adt.Practitioner)}, {Text(adt.Department)}, 'x', 'Emergency', "
            + $"'Standard', false, 'Pending', {now}, 0, 0, {now}, {now})"));

        secondOccupant.Message.ShouldContain(postgres ? "ix_bed_occupancies_open_bed_id" : "bed_occupancies.bed_id");
        secondAdmission.Message.ShouldContain(postgres ? "ix_admissions_open_patient_id" : "admissions.patient_id");
        (await adt.GetAsync($"/api/v1/admissions/{admission}")).GetProperty("status").GetString().ShouldBe("active");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using DbConnection connection = app.Provider == DatabaseProvider.Postgres ? new NpgsqlConnection(app.ConnectionString) : new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task ShouldHoldOneOpenOccupancyAsync(string column, Guid id) =>
        (await ScalarAsync($"SELECT COUNT(*) FROM {{bed_occupancies}} WHERE {column} = @id AND released_at IS NULL", id)).ShouldBe(1);

    /// <summary>Asks the database directly, past the API: "{table}" is schema-qualified on PostgreSQL.</summary>
    private async Task<long> ScalarAsync(string sql, Guid id)
    {
        var postgres = app.Provider == DatabaseProvider.Postgres;
        var text = System.Text.RegularExpressions.Regex.Replace(sql, @"\{(\w+)\}", m => postgres ? $"admissions.{m.Groups[1].Value}" : m.Groups[1].Value);
        await using DbConnection connection = postgres ? new NpgsqlConnection(app.ConnectionString) : new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = postgres ? id : id.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}

[Collection(AdmissionsPostgresCollection.Name)]
public sealed class ConcurrencyTests_on_Postgres(AdmissionsPostgresApp app) : ConcurrencyTests(app);

[Collection(AdmissionsSqliteCollection.Name)]
public sealed class ConcurrencyTests_on_Sqlite(AdmissionsSqliteApp app) : ConcurrencyTests(app);
