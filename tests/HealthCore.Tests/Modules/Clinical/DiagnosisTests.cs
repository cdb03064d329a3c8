using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>Diagnoses per encounter: coded against the ICD-10 catalogue, one standing primary, Doctor-only writes, the close gate's "diagnosis".</summary>
public abstract class DiagnosisTests(ClinicalApp app)
{
    [Fact]
    public async Task Recording_a_diagnosis_fills_its_display_from_the_catalogue_and_lists_it_primary_first()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");

        var secondary = await Diagnoses.RecordAsync(visits, encounter, new { code = "i10" });
        var primary = await Diagnoses.RecordAsync(
            visits, encounter, new { code = "E11.9", rank = "primary", verificationStatus = "provisional", onsetAt = app.Now.AddDays(-30), note = "HbA1c 8.1%" });

        primary.GetProperty("code").GetString().ShouldBe("E11.9");
        primary.GetProperty("display").GetString().ShouldBe("Type 2 diabetes mellitus without complications");
        primary.GetProperty("system").GetString().ShouldBe("http://hl7.org/fhir/sid/icd-10-cm");
        primary.GetProperty("category").GetString().ShouldBe("encounter-diagnosis");
        primary.GetProperty("rank").GetString().ShouldBe("primary");
        primary.GetProperty("clinicalStatus").GetString().ShouldBe("active");
        primary.GetProperty("verificationStatus").GetString().ShouldBe("provisional");
        primary.GetProperty("note").GetString().ShouldBe("HbA1c 8.1%");
        primary.GetProperty("recorderId").GetGuid().ShouldBe(visits.DoctorUser);
        secondary.GetProperty("code").GetString().ShouldBe("I10");
        secondary.GetProperty("rank").GetString().ShouldBe("secondary");
        secondary.GetProperty("verificationStatus").GetString().ShouldBe("confirmed");

        var listed = await Diagnoses.ListAsync(visits, encounter, visits.Nurse);
        listed.Select(d => d.Id()).ShouldBe([primary.Id(), secondary.Id()]);
        (await Json.ReadAsync(await visits.Nurse.GetAsync($"/api/v1/diagnoses/{primary.Id()}"), HttpStatusCode.OK)).GetProperty("code").GetString().ShouldBe("E11.9");
    }

    [Fact]
    public async Task An_unknown_code_answers_400_naming_code()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");

        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            await visits.Doctor.PostAsJsonAsync($"/api/v1/encounters/{encounter}/diagnoses", new { code = "E11.999" }), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("code")[0].GetString()!.ShouldContain("ICD-10-CM catalogue");
        (await Diagnoses.ListAsync(visits, encounter)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("enteredInError")]
    public async Task A_void_encounter_takes_no_diagnoses(string status)
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync(status);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            await visits.Doctor.PostAsJsonAsync($"/api/v1/encounters/{encounter}/diagnoses", new { code = "I10" }), HttpStatusCode.Conflict);

        problem.GetProperty("currentStatus").GetString().ShouldBe(status);
        (await visits.Doctor.PostAsJsonAsync($"/api/v1/encounters/{Guid.CreateVersion7()}/diagnoses", new { code = "I10" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_second_standing_primary_answers_409_until_the_first_is_entered_in_error()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");
        var first = await Diagnoses.RecordAsync(visits, encounter, new { code = "J18.9", rank = "primary" });
        var other = await Diagnoses.RecordAsync(visits, encounter, new { code = "I10" });

        var second = await visits.Doctor.PostAsJsonAsync($"/api/v1/encounters/{encounter}/diagnoses", new { code = "E11.9", rank = "primary" });
        var promoted = await visits.Doctor.SendAsync(Diagnoses.Patch(other, """{"rank":"primary"}""", "\"0\""));

        (await ProblemAssertions.ShouldBeProblemAsync(second, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("one-primary-diagnosis");
        (await ProblemAssertions.ShouldBeProblemAsync(promoted, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("one-primary-diagnosis");

        var voided = await Json.ReadAsync(
            await visits.Doctor.PostAsJsonAsync($"/api/v1/diagnoses/{first.Id()}/entered-in-error", new { reason = "Chest X-ray was of another patient" }), HttpStatusCode.OK);
        voided.GetProperty("verificationStatus").GetString().ShouldBe("enteredInError");
        voided.GetProperty("enteredInErrorReason").GetString().ShouldBe("Chest X-ray was of another patient");
        (await Json.ReadAsync(await visits.Doctor.SendAsync(Diagnoses.Patch(other, """{"rank":"primary"}""", "\"0\"")), HttpStatusCode.OK))
            .GetProperty("rank").GetString().ShouldBe("primary");
    }

    [Fact]
    public async Task Eight_concurrent_primaries_make_exactly_one()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            visits.Doctor.PostAsJsonAsync($"/api/v1/encounters/{encounter}/diagnoses", new { code = "J18.9", rank = "primary" })));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.Created, .. Enumerable.Repeat(HttpStatusCode.Conflict, 7)]);
        (await Diagnoses.ListAsync(visits, encounter)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_patch_changes_rank_and_statuses_with_if_match_and_never_the_code()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");
        var diagnosis = await Diagnoses.RecordAsync(visits, encounter, new { code = "J18.9", verificationStatus = "provisional" });

        var withoutIfMatch = await visits.Doctor.PatchAsync(
            $"/api/v1/diagnoses/{diagnosis.Id()}", new StringContent("""{"clinicalStatus":"resolved"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"));
        var code = await visits.Doctor.SendAsync(Diagnoses.Patch(diagnosis.Id(), """{"code":"I10"}""", "\"0\""));
        var enteredInError = await visits.Doctor.SendAsync(Diagnoses.Patch(diagnosis.Id(), """{"verificationStatus":"enteredInError"}""", "\"0\""));
        var patched = await visits.Doctor.SendAsync(Diagnoses.Patch(diagnosis.Id(), """{"clinicalStatus":"resolved","verificationStatus":"confirmed","rank":"primary"}""", "\"0\""));
        var stale = await visits.Doctor.SendAsync(Diagnoses.Patch(diagnosis.Id(), """{"clinicalStatus":"active"}""", "\"0\""));

        withoutIfMatch.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await ProblemAssertions.ShouldBeProblemAsync(code, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(enteredInError, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("verificationStatus", out _).ShouldBeTrue();
        var body = await Json.ReadAsync(patched, HttpStatusCode.OK);
        patched.Headers.ETag!.Tag.ShouldBe("\"1\"");
        body.GetProperty("clinicalStatus").GetString().ShouldBe("resolved");
        body.GetProperty("verificationStatus").GetString().ShouldBe("confirmed");
        body.GetProperty("rank").GetString().ShouldBe("primary");
        body.GetProperty("code").GetString().ShouldBe("J18.9");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await Json.ReadAsync(await visits.Doctor.GetAsync($"/api/v1/diagnoses/{diagnosis.Id()}"), HttpStatusCode.OK)).GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_diagnosis_entered_in_error_stays_readable_and_cannot_change_again()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");
        var diagnosis = await Diagnoses.RecordAsync(visits, encounter, new { code = "I10" });
        var url = $"/api/v1/diagnoses/{diagnosis.Id()}/entered-in-error";
        await Json.ReadAsync(await visits.Doctor.PostAsJsonAsync(url, new { reason = "Wrong patient" }), HttpStatusCode.OK);

        var again = await visits.Doctor.PostAsJsonAsync(url, new { reason = "Again" });
        var patch = await visits.Doctor.SendAsync(Diagnoses.Patch(diagnosis.Id(), """{"clinicalStatus":"resolved"}""", "\"1\""));
        var noReason = await visits.Doctor.PostAsJsonAsync($"/api/v1/diagnoses/{diagnosis.Id()}/entered-in-error", new { reason = "" });

        (await ProblemAssertions.ShouldBeProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("diagnosis-entered-in-error");
        (await ProblemAssertions.ShouldBeProblemAsync(patch, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("diagnosis-entered-in-error");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Diagnoses.ListAsync(visits, encounter)).Single().GetProperty("enteredInErrorReason").GetString().ShouldBe("Wrong patient");
    }

    [Theory]
    [InlineData("Nurse")]
    [InlineData("Receptionist")]
    [InlineData("Admin")]
    public async Task Only_a_doctor_writes_diagnoses(string role)
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");
        var diagnosis = await Diagnoses.RecordAsync(visits, encounter, new { code = "I10" });
        var client = visits.Clinic.As(role);

        (await client.PostAsJsonAsync($"/api/v1/encounters/{encounter}/diagnoses", new { code = "E11.9" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.SendAsync(Diagnoses.Patch(diagnosis.Id(), """{"clinicalStatus":"resolved"}""", "\"0\""))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync($"/api/v1/diagnoses/{diagnosis.Id()}/entered-in-error", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Diagnoses.ListAsync(visits, encounter)).Single().GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Reading_diagnoses_needs_clinical_read_and_is_audited()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");
        var diagnosis = await Diagnoses.RecordAsync(visits, encounter, new { code = "I10" });

        (await visits.Receptionist.GetAsync($"/api/v1/encounters/{encounter}/diagnoses")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.Receptionist.GetAsync($"/api/v1/diagnoses/{diagnosis.Id()}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Json.ReadAsync(await visits.Nurse.GetAsync($"/api/v1/diagnoses/{diagnosis.Id()}"), HttpStatusCode.OK);

        var audit = await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={diagnosis.Id()}&action=read"), HttpStatusCode.OK);
        audit.GetProperty("items").EnumerateArray().ShouldContain(r => r.GetProperty("actorId").GetGuid() == visits.NurseUser);
    }

    [Fact]
    public async Task The_close_gate_needs_an_active_primary_diagnosis()
    {
        var visits = await Visits.OpenAsync(app);
        await visits.RuleAsync("encounter.close.requires", new[] { "diagnosis" });
        var encounter = await visits.InStatusAsync("inConsultation");

        var none = await Unmet(visits, encounter);
        var secondary = await Diagnoses.RecordAsync(visits, encounter, new { code = "I10" });
        var onlySecondary = await Unmet(visits, encounter);
        var primary = await Diagnoses.RecordAsync(visits, encounter, new { code = "J18.9", rank = "primary" });
        await Json.ReadAsync(await visits.Doctor.PostAsJsonAsync($"/api/v1/diagnoses/{primary.Id()}/entered-in-error", new { reason = "Wrong patient" }), HttpStatusCode.OK);
        var primaryInError = await Unmet(visits, encounter);
        await Json.ReadAsync(await visits.Doctor.SendAsync(Diagnoses.Patch(secondary.Id(), """{"rank":"primary"}""", "\"0\"")), HttpStatusCode.OK);

        none.ShouldContain("no active diagnosis");
        onlySecondary.ShouldContain("primary");
        primaryInError.ShouldContain("primary");
        (await Json.ReadAsync(await visits.ActAsync(encounter, "close", visits.Doctor), HttpStatusCode.OK)).Status().ShouldBe("completed");
    }

    [Fact]
    public async Task Another_tenant_gets_404_from_every_diagnosis_endpoint_changes_nothing_and_lists_none_of_it() =>
        await EveryEndpointHoldsAsync(visits => Task.FromResult(TenantIsolation.Between(visits.Care, app.NewClinic().As("Admin,Doctor,Nurse"))));

    [Fact]
    public async Task A_user_of_another_facility_gets_404_from_every_diagnosis_endpoint() =>
        await EveryEndpointHoldsAsync(async visits =>
            TenantIsolation.BetweenFacilities(visits.Care, visits.Clinic.AssignedTo("Admin,Doctor,Nurse", (await visits.DepartmentElsewhereAsync()).Facility)));

    private async Task EveryEndpointHoldsAsync(Func<Visits, Task<TenantIsolation>> isolation)
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("inConsultation");
        var diagnosis = (await Diagnoses.RecordAsync(visits, encounter, new { code = "I10" })).Id();

        await (await isolation(visits))
            .CoveringEvery(
                ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Clinical.ClinicalDb).Namespace!).Where(Diagnoses.IsDiagnosisEndpoint),
                // The code list is the same for every tenant: nothing of a tenant to leak (the terminology test below).
                "GET /api/v1/terminology/icd10")
            .Watching($"/api/v1/diagnoses/{diagnosis}", $"/api/v1/encounters/{encounter}/diagnoses")
            .Get($"/api/v1/diagnoses/{diagnosis}")
            .Get($"/api/v1/encounters/{encounter}/diagnoses")
            .Post($"/api/v1/encounters/{encounter}/diagnoses", new { code = "E11.9", rank = "primary" })
            .Patch($"/api/v1/diagnoses/{diagnosis}", new { clinicalStatus = "resolved" })
            .Post($"/api/v1/diagnoses/{diagnosis}/entered-in-error", new { reason = "x" })
            .ShouldHoldAsync();
    }

    private static async Task<string> Unmet(Visits visits, Guid encounter)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(await visits.ActAsync(encounter, "close", visits.Doctor), HttpStatusCode.UnprocessableEntity);
        return problem.GetProperty("unmet").EnumerateArray().Single(u => u.GetProperty("requirement").GetString() == "diagnosis").GetProperty("reason").GetString()!;
    }
}

/// <summary>Searching the ICD-10 catalogue over HTTP.</summary>
public abstract class Icd10SearchTests(ClinicalApp app)
{
    [Fact]
    public async Task A_code_prefix_finds_the_codes_under_it_with_their_block_and_chapter()
    {
        var visits = await Visits.OpenAsync(app);

        var items = await SearchAsync(visits.Doctor, "q=E11&limit=10");

        items.Count.ShouldBe(10);
        items.ShouldAllBe(i => i.GetProperty("code").GetString()!.StartsWith("E11.", StringComparison.Ordinal));
        items.ShouldAllBe(i => i.GetProperty("block").GetProperty("range").GetString() == "E08-E13");
        items.ShouldAllBe(i => i.GetProperty("chapter").GetProperty("range").GetString() == "E00-E89");
    }

    [Fact]
    public async Task Words_find_descriptions_and_pneumonia_includes_j18_9()
    {
        var visits = await Visits.OpenAsync(app);

        var items = await SearchAsync(visits.Nurse, "q=pneumonia");

        items.Select(i => i.GetProperty("code").GetString()).ShouldContain("J18.9");
        items.Count.ShouldBeLessThanOrEqualTo(20);
    }

    [Fact]
    public async Task The_limit_is_capped_and_q_is_required()
    {
        var visits = await Visits.OpenAsync(app);

        (await SearchAsync(visits.Doctor, "q=a&limit=100000")).Count.ShouldBe(50);
        (await ProblemAssertions.ShouldBeProblemAsync(await visits.Doctor.GetAsync("/api/v1/terminology/icd10"), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("q", out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(await visits.Doctor.GetAsync("/api/v1/terminology/icd10?q=+"), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("q", out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(await visits.Doctor.GetAsync("/api/v1/terminology/icd10?q=E11&limit=0"), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("limit", out _).ShouldBeTrue();
        (await visits.Receptionist.GetAsync("/api/v1/terminology/icd10?q=E11")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<List<JsonElement>> SearchAsync(HttpClient client, string query) =>
        [.. (await Json.ReadAsync(await client.GetAsync($"/api/v1/terminology/icd10?{query}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];
}

internal static class Diagnoses
{
    public static async Task<JsonElement> RecordAsync(Visits visits, Guid encounter, object body) =>
        await Json.ReadAsync(await visits.Doctor.PostAsJsonAsync($"/api/v1/encounters/{encounter}/diagnoses", body), HttpStatusCode.Created);

    public static async Task<List<JsonElement>> ListAsync(Visits visits, Guid encounter, HttpClient? client = null) =>
        [.. (await Json.ReadAsync(await (client ?? visits.Doctor).GetAsync($"/api/v1/encounters/{encounter}/diagnoses"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray()];

    public static HttpRequestMessage Patch(JsonElement diagnosis, string json, string etag) => Patch(diagnosis.Id(), json, etag);

    public static HttpRequestMessage Patch(Guid diagnosis, string json, string etag) =>
        MergePatchRequest.Create($"/api/v1/diagnoses/{diagnosis}", json, new EntityTagHeaderValue(etag));

    public static bool IsDiagnosisEndpoint(ApiEndpoint endpoint) =>
        endpoint.Template.Contains("diagnoses", StringComparison.Ordinal) || endpoint.Template.StartsWith("/api/v1/terminology", StringComparison.Ordinal);
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class DiagnosisTests_on_Postgres(ClinicalPostgresApp app) : DiagnosisTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class DiagnosisTests_on_Sqlite(ClinicalSqliteApp app) : DiagnosisTests(app);

[Collection(ClinicalPostgresCollection.Name)]
public sealed class Icd10SearchTests_on_Postgres(ClinicalPostgresApp app) : Icd10SearchTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class Icd10SearchTests_on_Sqlite(ClinicalSqliteApp app) : Icd10SearchTests(app);
