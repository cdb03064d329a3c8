using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>Who writes, signs and reads which notes; tenant and facility isolation of every note endpoint.</summary>
public abstract class NoteAccessTests(ClinicalApp app)
{
    [Fact]
    public async Task Nurses_write_nursing_notes_and_doctors_every_other_type()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var encounter = await visits.InStatusAsync("inConsultation");

        var nursing = await notes.DraftAsync(encounter, visits.Nurse, Notes.Body("nursing", "Night shift"));
        nursing.GetProperty("typeCode").GetProperty("code").GetString().ShouldBe("34746-8");
        (await Json.ReadAsync(await notes.ActAsync(nursing.Id(), "sign", visits.Nurse), HttpStatusCode.OK)).NoteStatus().ShouldBe("signed");

        foreach (var type in new[] { "historyAndExamination", "progress", "dischargeSummary", "procedure", "referralLetter" })
        {
            (await ProblemAssertions.ShouldBeProblemAsync(await notes.WriteAsync(encounter, visits.Nurse, Notes.Body(type)), HttpStatusCode.Forbidden))
                .GetProperty("detail").GetString()!.ShouldContain("notes.write.medical");
            await notes.DraftAsync(encounter, visits.Doctor, Notes.Body(type));
        }

        (await notes.WriteAsync(encounter, visits.Doctor, Notes.Body("nursing"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await notes.ActAsync(nursing.Id(), "amend", visits.Doctor, new { reason = "Not a doctor's note" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("Receptionist")]
    [InlineData("Admin")]
    [InlineData("Billing")]
    public async Task Roles_without_clinical_access_neither_read_nor_write_notes(string role)
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var encounter = await visits.InStatusAsync("inConsultation");
        var id = await notes.SignedAsync(encounter);
        var client = visits.Clinic.As(role);

        (await client.GetAsync($"/api/v1/notes/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/api/v1/notes/{id}/versions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/api/v1/encounters/{encounter}/notes")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await notes.WriteAsync(encounter, client)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await notes.ActAsync(id, "cosign", client)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await notes.ActAsync(id, "amend", client, new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_tenant_gets_404_from_every_note_endpoint_changes_nothing_and_lists_none_of_it() =>
        await EveryEndpointHoldsAsync(visits => Task.FromResult(TenantIsolation.Between(visits.Care, app.NewClinic().As("Admin,Doctor,Nurse"))));

    [Fact]
    public async Task A_user_of_another_facility_gets_404_from_every_note_endpoint_changes_nothing_and_lists_none_of_it() =>
        await EveryEndpointHoldsAsync(async visits =>
            TenantIsolation.BetweenFacilities(visits.Care, visits.Clinic.AssignedTo("Admin,Doctor,Nurse", (await visits.DepartmentElsewhereAsync()).Facility)));

    private async Task EveryEndpointHoldsAsync(Func<Visits, Task<TenantIsolation>> isolation)
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var encounter = await visits.InStatusAsync("inConsultation");
        var draft = (await notes.DraftAsync(encounter)).Id();
        var signed = await notes.SignedAsync(encounter);

        await (await isolation(visits))
            .CoveringEvery(ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Clinical.Notes.Note).Namespace!))
            .Watching($"/api/v1/notes/{draft}", $"/api/v1/notes/{signed}", $"/api/v1/notes/{signed}/versions")
            .Post($"/api/v1/encounters/{encounter}/notes", Notes.Body())
            .Get($"/api/v1/encounters/{encounter}/notes")
            .Get($"/api/v1/notes/{draft}")
            .Get($"/api/v1/notes/{signed}/versions")
            .Patch($"/api/v1/notes/{draft}", new { title = "taken over" })
            .Post($"/api/v1/notes/{draft}/sign")
            .Post($"/api/v1/notes/{signed}/amend", new { reason = "x" })
            .Post($"/api/v1/notes/{signed}/cosign")
            .ShouldHoldAsync();
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class NoteAccessTests_on_Postgres(ClinicalPostgresApp app) : NoteAccessTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class NoteAccessTests_on_Sqlite(ClinicalSqliteApp app) : NoteAccessTests(app);
