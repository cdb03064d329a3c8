using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>POST /encounters/{id}/discharge-summary: a draft generated from the encounter, one per encounter.</summary>
public abstract class DischargeSummaryTests(ClinicalApp app)
{
    [Fact]
    public async Task An_inpatient_stay_generates_a_draft_with_its_reason_times_diagnoses_vitals_trend_course_and_follow_up()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var now = app.Now;
        var encounter = (await visits.CreatedAsync(new { @class = "inpatient", status = "arrived", arrivedAt = now.AddDays(-2) })).Id();
        var vitals = $"/api/v1/encounters/{encounter}/vitals";
        await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(vitals, SummaryData.Deteriorating(now.AddDays(-2).AddHours(1))), HttpStatusCode.Created);
        await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(vitals, new { heartRate = 125, effectiveAt = now.AddDays(-1) }), HttpStatusCode.Created);
        await Json.ReadAsync(
            await visits.Nurse.PostAsJsonAsync(vitals, new
            {
                temperature = 37.0m, heartRate = 84, respiratoryRate = 16, systolicBloodPressure = 124, oxygenSaturation = 97, onSupplementalOxygen = false,
                consciousness = "alert", effectiveAt = now.AddHours(-1),
            }),
            HttpStatusCode.Created);
        await Diagnoses.RecordAsync(visits, encounter, new { code = "I10" });
        await Diagnoses.RecordAsync(visits, encounter, new { code = "J18.9", rank = "primary" });
        await Diagnoses.RecordAsync(visits, encounter, new { code = "E11.9", verificationStatus = "refuted" });
        await notes.SignedAsync(encounter);

        var draft = await DischargeSummaryAsync(visits.Doctor, encounter, new { followUp = "Chest X-ray in 6 weeks." });

        draft.NoteStatus().ShouldBe("draft");
        draft.GetProperty("type").GetString().ShouldBe("dischargeSummary");
        draft.GetProperty("typeCode").GetProperty("code").GetString().ShouldBe("18842-5");
        draft.Current().GetProperty("authorId").GetGuid().ShouldBe(visits.DoctorUser);
        draft.Current().GetProperty("title").GetString().ShouldBe("Discharge summary");
        var sections = Sections(draft);
        sections.Keys.ShouldBe(["Reason for visit", "Admission and discharge", "Diagnoses", "Vitals trend", "Hospital course", "Follow-up"]);
        sections["Reason for visit"].ShouldBe("Palpitations (80313002 Palpitations)");
        sections["Admission and discharge"].ShouldBe($"Admitted: {now.AddDays(-2).UtcDateTime:yyyy-MM-dd HH:mm} UTC\nDischarged: not yet");
        var diagnoses = sections["Diagnoses"].Split('\n');
        diagnoses.Length.ShouldBe(2, "the refuted diagnosis is left out");
        diagnoses[0].ShouldStartWith("1. J18.9 ");
        diagnoses[0].ShouldEndWith("(primary, confirmed, active)");
        diagnoses[1].ShouldStartWith("2. I10 ");
        var trend = sections["Vitals trend"];
        trend.ShouldStartWith("3 sets from ");
        trend.ShouldContain("Heart rate (/min): first 112, last 84, min 84, max 125");
        trend.ShouldContain("Body temperature (Cel): first 38.4, last 37, min 37, max 38.4");
        trend.ShouldEndWith($"Last NEWS2: 0 (low) at {now.AddHours(-1).UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        sections["Hospital course"].ShouldContain("progress: Day 2 ward round");
        sections["Follow-up"].ShouldBe("Chest X-ray in 6 weeks.");
    }

    [Fact]
    public async Task An_encounter_with_nothing_recorded_gets_a_hospital_course_placeholder_and_no_follow_up_or_stay_section()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");

        var sections = Sections(await DischargeSummaryAsync(visits.Doctor, encounter, null));

        sections.Keys.ShouldBe(["Reason for visit", "Diagnoses", "Vitals trend", "Hospital course"]);
        sections["Diagnoses"].ShouldBe("None recorded.");
        sections["Vitals trend"].ShouldBe("No vitals recorded.");
        sections["Hospital course"].ShouldBe("Nothing was recorded during the encounter: describe its course here.");
    }

    [Fact]
    public async Task A_second_discharge_summary_answers_409_naming_the_first_while_it_is_a_draft_and_once_it_is_signed()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var encounter = await visits.InStatusAsync("inConsultation");
        var first = (await DischargeSummaryAsync(visits.Doctor, encounter, new { })).Id();

        var again = await ProblemAssertions.ShouldBeProblemAsync(await PostAsync(visits.Doctor, encounter, new { }), HttpStatusCode.Conflict);
        again.GetProperty("noteId").GetGuid().ShouldBe(first);
        again.GetProperty("noteStatus").GetString().ShouldBe("draft");
        var written = await ProblemAssertions.ShouldBeProblemAsync(await notes.WriteAsync(encounter, body: Notes.Body("dischargeSummary")), HttpStatusCode.Conflict);
        written.GetProperty("noteId").GetGuid().ShouldBe(first);

        await Json.ReadAsync(await notes.ActAsync(first, "sign"), HttpStatusCode.OK);
        var signed = await ProblemAssertions.ShouldBeProblemAsync(await PostAsync(visits.Doctor, encounter, new { }), HttpStatusCode.Conflict);
        signed.GetProperty("noteStatus").GetString().ShouldBe("signed");
        signed.GetProperty("detail").GetString()!.ShouldContain("amend");
        (await Json.ReadAsync(await visits.Doctor.GetAsync($"/api/v1/encounters/{encounter}/notes"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(n => n.Id()).ShouldBe([first]);
        await notes.DraftAsync(encounter, body: Notes.Body("progress"));
    }

    [Fact]
    public async Task Doctors_racing_to_generate_it_get_one_draft_and_409s()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(visits.Doctor, encounter, new { })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(5);
        (await Json.ReadAsync(await visits.Doctor.GetAsync($"/api/v1/encounters/{encounter}/notes"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_replays_the_draft()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");

        await IdempotentRetry.ShouldReplayAsync(visits.Doctor, $"/api/v1/encounters/{encounter}/discharge-summary", new { followUp = "GP in a week." }, HttpStatusCode.Created);

        (await Json.ReadAsync(await visits.Doctor.GetAsync($"/api/v1/encounters/{encounter}/notes"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Nurses_receptionists_void_encounters_unknown_encounters_and_blank_follow_ups_are_refused()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");
        var cancelled = await visits.InStatusAsync("cancelled");

        (await ProblemAssertions.ShouldBeProblemAsync(await PostAsync(visits.Nurse, encounter, new { }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString()!.ShouldContain("notes.write.medical");
        (await PostAsync(visits.Receptionist, encounter, new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProblemAssertions.ShouldBeProblemAsync(await PostAsync(visits.Doctor, cancelled, new { }), HttpStatusCode.Conflict))
            .GetProperty("rule").GetString().ShouldBe("encounter-void");
        await ProblemAssertions.ShouldBeProblemAsync(await PostAsync(visits.Doctor, Guid.CreateVersion7(), new { }), HttpStatusCode.NotFound);
        (await ProblemAssertions.ShouldBeProblemAsync(await PostAsync(visits.Doctor, encounter, new { followUp = "  " }), HttpStatusCode.BadRequest))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["followUp"]);
        (await ProblemAssertions.ShouldBeProblemAsync(
            await PostAsync(visits.Doctor, encounter, new { followUp = new string('x', 20_001) }), HttpStatusCode.BadRequest)).GetRawText().ShouldContain("followUp", Case.Insensitive);
        (await Json.ReadAsync(await visits.Doctor.GetAsync($"/api/v1/encounters/{encounter}/notes"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Another_tenant_gets_404_and_writes_nothing() =>
        await EveryEndpointHoldsAsync(visits => Task.FromResult(TenantIsolation.Between(visits.Care, app.NewClinic().As("Admin,Doctor,Nurse"))));

    [Fact]
    public async Task A_user_of_another_facility_gets_404_and_writes_nothing() =>
        await EveryEndpointHoldsAsync(async visits =>
            TenantIsolation.BetweenFacilities(visits.Care, visits.Clinic.AssignedTo("Admin,Doctor,Nurse", (await visits.DepartmentElsewhereAsync()).Facility)));

    private async Task EveryEndpointHoldsAsync(Func<Visits, Task<TenantIsolation>> isolation)
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");
        await new Notes(visits).SignedAsync(encounter);

        await (await isolation(visits))
            .CoveringEvery(ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Clinical.Summary.ClinicalSummary).Namespace!))
            .Watching($"/api/v1/encounters/{encounter}", $"/api/v1/encounters/{encounter}/notes")
            .Post($"/api/v1/encounters/{encounter}/discharge-summary", new { followUp = "taken over" })
            .Get($"/api/v1/encounters/{encounter}")
            .ShouldHoldAsync();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid encounter, object? body) =>
        client.PostAsJsonAsync($"/api/v1/encounters/{encounter}/discharge-summary", body ?? new { });

    private static async Task<JsonElement> DischargeSummaryAsync(HttpClient client, Guid encounter, object? body) =>
        await Json.ReadAsync(await PostAsync(client, encounter, body), HttpStatusCode.Created);

    private static Dictionary<string, string> Sections(JsonElement note) =>
        note.Current().GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("title").GetString()!, s => s.GetProperty("text").GetString()!);
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class DischargeSummaryTests_on_Postgres(ClinicalPostgresApp app) : DischargeSummaryTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class DischargeSummaryTests_on_Sqlite(ClinicalSqliteApp app) : DischargeSummaryTests(app);
