using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthCore.Platform.Database;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HealthCore.Tests.Modules.Patients;

/// <summary>The service on a database of its own for the patient registry tests; each test works in a fresh tenant.</summary>
public abstract class PatientsApp : HealthCoreApp
{
    private protected PatientsApp(DatabaseProvider provider)
        : base(provider, "patients")
    {
    }

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>A client of the tenant with the given roles (comma-separated).</summary>
    public HttpClient Client(Guid tenant, string roles = "Admin") => Authorize(CreateClient(), tenant, roles: roles);

    public static async Task<JsonObject> RegisterAsync(HttpClient client, JsonObject patient)
    {
        var response = await client.PostAsJsonAsync("/api/v1/patients", patient);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<HttpResponseMessage> PatchAsync(
        HttpClient client, string id, object patch, string? ifMatch, string contentType = "application/merge-patch+json", string? reason = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/patients/{id}")
        {
            Content = new StringContent(JsonSerializer.Serialize(patch), System.Text.Encoding.UTF8, contentType),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (reason is not null)
        {
            request.Headers.Add("X-Audit-Reason", reason);
        }

        return await client.SendAsync(request);
    }

    public static async Task<(JsonObject Body, string ETag)> GetAsync(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/v1/patients/{id}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return (JsonNode.Parse(body)!.AsObject(), response.Headers.ETag!.Tag);
    }

    public static async Task<JsonArray> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/patients?{query}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["items"]!.AsArray();
    }

    /// <summary>A raw column of one patient row, read behind the application's back.</summary>
    public async Task<string?> RawColumnAsync(string column, Guid patientId)
    {
        await using DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM {(IsPostgres ? "patients.patients" : "patients")} WHERE id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = IsPostgres ? patientId : patientId.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}

public sealed class PatientsPostgresApp() : PatientsApp(DatabaseProvider.Postgres);

public sealed class PatientsSqliteApp() : PatientsApp(DatabaseProvider.Sqlite);

[CollectionDefinition(Name)]
public sealed class PatientsPostgresCollection : ICollectionFixture<PatientsPostgresApp>
{
    public const string Name = "Patients on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class PatientsSqliteCollection : ICollectionFixture<PatientsSqliteApp>
{
    public const string Name = "Patients on SQLite";
}

/// <summary>Registration bodies: a minimal valid patient, varied per test.</summary>
internal static class PatientData
{
    public const string Ssn = "urn:oid:2.16.840.1.113883.4.1";

    public static JsonObject New(string family = "Okafor", string given = "Ada", string birthDate = "1980-05-17", string gender = "female") => new()
    {
        ["name"] = new JsonObject { ["family"] = family, ["given"] = new JsonArray(given) },
        ["birthDate"] = birthDate,
        ["gender"] = gender,
    };

    public static JsonObject With(this JsonObject patient, string field, JsonNode? value)
    {
        var copy = patient.DeepClone().AsObject();
        copy[field] = value;
        return copy;
    }

    public static JsonObject WithSsn(this JsonObject patient, string ssn) =>
        patient.With("identifiers", new JsonArray(new JsonObject { ["system"] = Ssn, ["value"] = ssn }));

    public static JsonObject WithPhone(this JsonObject patient, string phone) =>
        patient.With("telecom", new JsonArray(new JsonObject { ["system"] = "phone", ["value"] = phone, ["use"] = "mobile" }));

    public static string Id(this JsonObject patient) => patient["id"]!.GetValue<string>();
}
