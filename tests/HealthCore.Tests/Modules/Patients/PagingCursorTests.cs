using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace HealthCore.Tests.Modules.Patients;

public abstract class PagingCursorTests(PatientsApp app)
{
    [Fact]
    public async Task A_search_cursor_does_not_reveal_the_patient_names_it_pages_after()
    {
        var client = app.Client(Guid.CreateVersion7());
        await PatientsApp.RegisterAsync(client, PatientData.New("Quigglesworth", "Ottoline", "1971-01-01"));
        await PatientsApp.RegisterAsync(client, PatientData.New("Quigglesworth", "Peregrine", "1972-01-01", "male"));

        var page = await client.GetFromJsonAsync<JsonObject>("/api/v1/patients?family=quigglesworth&limit=1");
        var cursor = page!["nextCursor"]!.GetValue<string>();
        var decoded = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));

        decoded.ShouldNotContain("quigglesworth", Case.Insensitive);
        decoded.ShouldNotContain("ottoline", Case.Insensitive);
        (await client.GetAsync($"/api/v1/patients?family=quigglesworth&limit=1&cursor={cursor}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cursor_issued_by_one_list_is_refused_by_another_with_the_same_position_shape()
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New("Cursorfield", "Ada", "1980-01-01"));
        await PatientsApp.RegisterAsync(client, PatientData.New("Cursorfield", "Bea", "1981-01-01"));
        var audit = await client.GetFromJsonAsync<JsonObject>("/api/v1/audit?limit=1");
        var auditCursor = audit!["nextCursor"]!.GetValue<string>();

        var response = await client.GetAsync($"/api/v1/patients/{patient.Id()}/history?cursor={auditCursor}");

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("cursor", out _).ShouldBeTrue(problem.GetRawText());
    }
}

[Collection(PatientsPostgresCollection.Name)]
public sealed class PagingCursorTests_on_Postgres(PatientsPostgresApp app) : PagingCursorTests(app);

[Collection(PatientsSqliteCollection.Name)]
public sealed class PagingCursorTests_on_Sqlite(PatientsSqliteApp app) : PagingCursorTests(app);
