using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>The patient's problem list (FHIR Condition, problem-list-item): ICD-10 against the catalogue or other codes, promotion of diagnoses, history, isolation.</summary>
public abstract class ProblemTests(ClinicalApp app)
{
    [Fact]
    public async Task A_problem_is_coded_in_icd10_from_the_catalogue_in_another_system_or_named_only_and_listed_in_order()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var encounter = (await visits.CreatedAsync(new { patientId = patient })).Id();

        var icd = await Problems.RecordAsync(visits, patient, new { code = new { code = "e11.9" }, onsetAt = app.Now.AddYears(-3), encounterId = encounter, note = "Diet controlled" });
        var snomed = await Problems.RecordAsync(visits, patient, new { code = new { system = "http://snomed.info/sct", code = "38341003", display = "Hypertensive disorder" }, verificationStatus = "provisional" });
        var text = await Problems.RecordAsync(visits, patient, new { code = new { display = "Lives alone, falls risk" }, clinicalStatus = "resolved", abatementAt = app.Now.AddDays(-2) });

        icd.GetProperty("category").GetString().ShouldBe("problem-list-item");
        icd.GetProperty("code").GetProperty("system").GetString().ShouldBe("http://hl7.org/fhir/sid/icd-10-cm");
        icd.GetProperty("code").GetProperty("code").GetString().ShouldBe("E11.9");
        icd.GetProperty("code").GetProperty("display").GetString().ShouldBe("Type 2 diabetes mellitus without complications");
        icd.GetProperty("clinicalStatus").GetString().ShouldBe("active");
        icd.GetProperty("verificationStatus").GetString().ShouldBe("confirmed");
        icd.GetProperty("encounterId").GetGuid().ShouldBe(encounter);
        icd.GetProperty("recorderId").GetGuid().ShouldBe(visits.DoctorUser);
        snomed.GetProperty("code").GetProperty("code").GetString().ShouldBe("38341003");
        snomed.GetProperty("verificationStatus").GetString().ShouldBe("provisional");
        text.GetProperty("code").GetProperty("code").ValueKind.ShouldBe(JsonValueKind.Null);
        text.GetProperty("clinicalStatus").GetString().ShouldBe("resolved");
        (await Problems.ListAsync(visits.Nurse, patient)).Select(p => p.Id()).ShouldBe([icd.Id(), snomed.Id(), text.Id()]);
        (await Json.ReadAsync(await visits.Nurse.GetAsync($"/api/v1/problems/{icd.Id()}"), HttpStatusCode.OK)).GetProperty("note").GetString().ShouldBe("Diet controlled");
    }

    public static TheoryData<string, string> InvalidProblems() => new()
    {
        { """{}""", "code" },
        { """{"code":{"code":"E11.999"}}""", "code.code" },
        { """{"code":{"system":"http://snomed.info/sct","code":"38341003"}}""", "code.display" },
        { """{"code":{"system":"http://snomed.info/sct","display":"Hypertension"}}""", "code.code" },
        { """{"code":{"code":"I10"},"clinicalStatus":"better"}""", "clinicalStatus" },
        { """{"code":{"code":"I10"},"verificationStatus":"enteredInError"}""", "verificationStatus" },
        { """{"code":{"code":"I10"},"abatementAt":"2020-01-01T00:00:00Z"}""", "clinicalStatus" },
        { """{"code":{"code":"I10"},"clinicalStatus":"resolved","onsetAt":"2021-01-01T00:00:00Z","abatementAt":"2020-01-01T00:00:00Z"}""", "abatementAt" },
        { """{"code":{"code":"I10"},"onsetAt":"2999-01-01T00:00:00Z"}""", "onsetAt" },
        { """{"code":{"code":"I10"},"encounterId":"0195a0b2-0000-7000-8000-000000000099"}""", "encounterId" },
        { """{"diagnosisId":"0195a0b2-0000-7000-8000-000000000099"}""", "diagnosisId" },
    };

    [Theory]
    [MemberData(nameof(InvalidProblems))]
    public async Task An_invalid_problem_answers_400_naming_the_field_and_records_nothing(string body, string field)
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();

        var response = await visits.Doctor.PostAsync($"/api/v1/patients/{patient}/problems", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var errors = (await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldContain(name => string.Equals(name, field, StringComparison.OrdinalIgnoreCase), errors.ToString());
        (await Problems.ListAsync(visits.Doctor, patient)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_encounter_diagnosis_is_promoted_to_the_problem_list_once_and_never_when_entered_in_error()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var encounter = await visits.InStatusAsync("inConsultation", new { patientId = patient });
        var diagnosis = await Diagnoses.RecordAsync(visits, encounter, new { code = "I10", verificationStatus = "provisional", onsetAt = app.Now.AddDays(-40), note = "BP 160/100" });
        var wrong = await Diagnoses.RecordAsync(visits, encounter, new { code = "J18.9" });
        await Json.ReadAsync(await visits.Doctor.PostAsJsonAsync($"/api/v1/diagnoses/{wrong.Id()}/entered-in-error", new { reason = "Wrong patient" }), HttpStatusCode.OK);

        var promoted = await Problems.RecordAsync(visits, patient, new { diagnosisId = diagnosis.Id(), verificationStatus = "confirmed" });
        var twice = await visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{patient}/problems", new { diagnosisId = diagnosis.Id() });
        var voided = await visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{patient}/problems", new { diagnosisId = wrong.Id() });
        var otherPatient = await visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{await visits.PatientAsync()}/problems", new { diagnosisId = diagnosis.Id() });
        var withCode = await visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{patient}/problems", new { diagnosisId = diagnosis.Id(), code = new { code = "I10" } });

        promoted.GetProperty("diagnosisId").GetGuid().ShouldBe(diagnosis.Id());
        promoted.GetProperty("encounterId").GetGuid().ShouldBe(encounter);
        promoted.GetProperty("code").GetProperty("code").GetString().ShouldBe("I10");
        promoted.GetProperty("verificationStatus").GetString().ShouldBe("confirmed");
        promoted.GetProperty("onsetAt").GetDateTimeOffset().ShouldBe(diagnosis.GetProperty("onsetAt").GetDateTimeOffset());
        promoted.GetProperty("note").GetString().ShouldBe("BP 160/100");
        (await ProblemAssertions.ShouldBeProblemAsync(twice, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("diagnosis-promoted-once");
        (await ProblemAssertions.ShouldBeProblemAsync(voided, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("diagnosis-entered-in-error");
        (await ProblemAssertions.ShouldBeProblemAsync(otherPatient, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("diagnosisId", out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(withCode, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_patch_resolves_a_problem_with_if_match_the_history_keeps_each_state_and_entered_in_error_ends_it()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var problem = await Problems.RecordAsync(visits, patient, new { code = new { code = "J45.909" }, onsetAt = app.Now.AddYears(-10) });

        var withoutIfMatch = await visits.Doctor.PatchAsync(
            $"/api/v1/problems/{problem.Id()}", new StringContent("""{"clinicalStatus":"resolved"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"));
        var code = await visits.Doctor.SendAsync(Problems.Patch(problem.Id(), """{"code":{"code":"I10"}}""", "\"0\""));
        var abatedButActive = await visits.Doctor.SendAsync(Problems.Patch(problem.Id(), $$"""{"abatementAt":"{{app.Now.AddDays(-1):O}}"}""", "\"0\""));
        var resolved = await Json.ReadAsync(
            await visits.Nurse.SendAsync(Problems.Patch(problem.Id(), $$"""{"clinicalStatus":"resolved","abatementAt":"{{app.Now.AddDays(-1):O}}","note":"No attacks in 5 years"}""", "\"0\"")),
            HttpStatusCode.OK);
        var stale = await visits.Doctor.SendAsync(Problems.Patch(problem.Id(), """{"clinicalStatus":"recurrence"}""", "\"0\""));
        var voided = await Json.ReadAsync(await visits.Doctor.PostAsJsonAsync($"/api/v1/problems/{problem.Id()}/entered-in-error", new { reason = "Duplicate entry" }), HttpStatusCode.OK);
        var afterwards = await visits.Doctor.SendAsync(Problems.Patch(problem.Id(), """{"clinicalStatus":"active","abatementAt":null}""", "\"2\""));

        withoutIfMatch.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await ProblemAssertions.ShouldBeProblemAsync(code, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(abatedButActive, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("clinicalStatus", out _).ShouldBeTrue();
        resolved.GetProperty("clinicalStatus").GetString().ShouldBe("resolved");
        resolved.GetProperty("version").GetInt32().ShouldBe(1);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        voided.GetProperty("verificationStatus").GetString().ShouldBe("enteredInError");
        voided.GetProperty("clinicalStatus").ValueKind.ShouldBe(JsonValueKind.Null);
        (await ProblemAssertions.ShouldBeProblemAsync(afterwards, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("problem-entered-in-error");

        var history = await Problems.HistoryAsync(visits.Nurse, problem.Id());
        history.Select(h => (h.GetProperty("number").GetInt32(), h.GetProperty("action").GetString())).ShouldBe([(1, "create"), (2, "update"), (3, "entered-in-error")]);
        history[0].GetProperty("state").GetProperty("clinicalStatus").GetString().ShouldBe("active");
        history[1].GetProperty("state").GetProperty("note").GetString().ShouldBe("No attacks in 5 years");
        history[1].GetProperty("actorId").GetGuid().ShouldBe(visits.NurseUser);
        history[2].GetProperty("reason").GetString().ShouldBe("Duplicate entry");
    }

    [Fact]
    public async Task A_receptionist_reads_and_writes_no_problems_and_reads_are_audited()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var problem = await Problems.RecordAsync(visits, patient, new { code = new { code = "I10" } });
        var client = visits.Receptionist;

        (await client.PostAsJsonAsync($"/api/v1/patients/{patient}/problems", new { code = new { code = "E11.9" } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/api/v1/patients/{patient}/problems")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/api/v1/problems/{problem.Id()}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/api/v1/problems/{problem.Id()}/history")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.SendAsync(Problems.Patch(problem.Id(), """{"clinicalStatus":"resolved"}""", "\"0\""))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync($"/api/v1/problems/{problem.Id()}/entered-in-error", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Json.ReadAsync(await visits.Nurse.GetAsync($"/api/v1/problems/{problem.Id()}"), HttpStatusCode.OK);

        var audit = await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={problem.Id()}"), HttpStatusCode.OK);
        var actions = audit.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("action").GetString(), r.GetProperty("actorId").GetGuid())).ToList();
        actions.ShouldContain(("create", visits.DoctorUser));
        actions.ShouldContain(("read", visits.NurseUser));
        actions.ShouldNotContain(a => a.Item2 != visits.DoctorUser && a.Item2 != visits.NurseUser);
    }

    [Fact]
    public async Task The_patient_record_shows_the_standing_allergies_and_problems_without_those_entered_in_error()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var allergy = await Allergies.RecordAsync(visits, patient, Allergies.Penicillin(new { reactions = new[] { new { manifestation = new { display = "Hives" }, severity = "mild" }, new { manifestation = new { display = "Wheeze" }, severity = "severe" } } }));
        var voided = await Allergies.RecordAsync(visits, patient, new { substance = new { display = "Latex" } });
        await Json.ReadAsync(await visits.Doctor.PostAsJsonAsync($"/api/v1/allergies/{voided.Id()}/entered-in-error", new { reason = "Other patient" }), HttpStatusCode.OK);
        var problem = await Problems.RecordAsync(visits, patient, new { code = new { code = "I10" }, clinicalStatus = "remission" });

        var record = await Json.ReadAsync(await visits.Nurse.GetAsync($"/api/v1/patients/{patient}"), HttpStatusCode.OK);
        var forReception = await Json.ReadAsync(await visits.Receptionist.GetAsync($"/api/v1/patients/{patient}"), HttpStatusCode.OK);

        var allergies = record.GetProperty("allergies").EnumerateArray().ToList();
        allergies.ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldBe(allergy.Id());
        allergies[0].GetProperty("severity").GetString().ShouldBe("severe");
        allergies[0].GetProperty("reactions").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Hives", "Wheeze"]);
        var condition = record.GetProperty("conditions").EnumerateArray().ShouldHaveSingleItem();
        condition.GetProperty("id").GetGuid().ShouldBe(problem.Id());
        condition.GetProperty("clinicalStatus").GetString().ShouldBe("remission");
        forReception.TryGetProperty("allergies", out _).ShouldBeFalse();
        forReception.TryGetProperty("conditions", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Another_tenant_gets_404_from_every_allergy_and_problem_endpoint_changes_nothing_and_lists_none_of_it()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var allergy = (await Allergies.RecordAsync(visits, patient, Allergies.Penicillin())).Id();
        var problem = (await Problems.RecordAsync(visits, patient, new { code = new { code = "I10" } })).Id();

        await TenantIsolation.Between(visits.Care, app.NewClinic().As("Admin,Doctor,Nurse"))
            .CoveringEvery(ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Clinical.ClinicalDb).Namespace!).Where(Problems.IsListEndpoint))
            .Watching($"/api/v1/allergies/{allergy}", $"/api/v1/problems/{problem}", $"/api/v1/patients/{patient}/allergies", $"/api/v1/patients/{patient}/problems")
            .Get($"/api/v1/allergies/{allergy}")
            .Get($"/api/v1/allergies/{allergy}/history")
            .Get($"/api/v1/patients/{patient}/allergies")
            .Post($"/api/v1/patients/{patient}/allergies", new { substance = new { display = "Latex" } })
            .Patch($"/api/v1/allergies/{allergy}", new { clinicalStatus = "resolved" })
            .Post($"/api/v1/allergies/{allergy}/entered-in-error", new { reason = "x" })
            .Get($"/api/v1/problems/{problem}")
            .Get($"/api/v1/problems/{problem}/history")
            .Get($"/api/v1/patients/{patient}/problems")
            .Post($"/api/v1/patients/{patient}/problems", new { code = new { code = "E11.9" } })
            .Patch($"/api/v1/problems/{problem}", new { clinicalStatus = "resolved" })
            .Post($"/api/v1/problems/{problem}/entered-in-error", new { reason = "x" })
            .ShouldHoldAsync();
    }
}

internal static class Problems
{
    public static async Task<JsonElement> RecordAsync(Visits visits, Guid patient, object body) =>
        await Json.ReadAsync(await visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{patient}/problems", body), HttpStatusCode.Created);

    public static async Task<List<JsonElement>> ListAsync(HttpClient client, Guid patient) =>
        [.. (await Json.ReadAsync(await client.GetAsync($"/api/v1/patients/{patient}/problems"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    public static async Task<List<JsonElement>> HistoryAsync(HttpClient client, Guid problem) =>
        [.. (await Json.ReadAsync(await client.GetAsync($"/api/v1/problems/{problem}/history"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    public static HttpRequestMessage Patch(Guid problem, string json, string etag) =>
        MergePatchRequest.Create($"/api/v1/problems/{problem}", json, new EntityTagHeaderValue(etag));

    public static bool IsListEndpoint(ApiEndpoint endpoint) =>
        endpoint.Template.Contains("allergies", StringComparison.Ordinal) || endpoint.Template.Contains("problems", StringComparison.Ordinal);
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class ProblemTests_on_Postgres(ClinicalPostgresApp app) : ProblemTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class ProblemTests_on_Sqlite(ClinicalSqliteApp app) : ProblemTests(app);
