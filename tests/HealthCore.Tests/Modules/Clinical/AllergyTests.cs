using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>A patient's allergies (FHIR AllergyIntolerance): coded substances, one active per substance, "no known allergies", history, clinical.write.</summary>
public abstract class AllergyTests(ClinicalApp app)
{
    [Fact]
    public async Task Recording_an_allergy_keeps_its_coded_substance_and_reactions_defaults_its_statuses_and_lists_it()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var encounter = await visits.InStatusAsync("arrived");

        var allergy = await Allergies.RecordAsync(visits, patient, Allergies.Penicillin(new
        {
            type = "allergy", category = "medication", criticality = "high", encounterId = (Guid?)null, note = "  Since childhood ",
            reactions = new[] { new { manifestation = new { system = "http://snomed.info/sct", code = "39579001", display = "Anaphylaxis" }, severity = "severe" } },
        }));
        var latex = await Allergies.RecordAsync(visits, patient, new { substance = new { display = "Latex" }, clinicalStatus = "inactive", verificationStatus = "confirmed" });
        await Json.ReadAsync(
            await visits.Nurse.PostAsJsonAsync($"/api/v1/patients/{await visits.PatientAsync()}/allergies", new { substance = new { display = "Shellfish" }, encounterId = encounter }),
            HttpStatusCode.BadRequest);

        allergy.GetProperty("substance").GetProperty("code").GetString().ShouldBe("7980");
        allergy.GetProperty("substance").GetProperty("display").GetString().ShouldBe("Penicillin G");
        allergy.GetProperty("noKnownAllergies").GetBoolean().ShouldBeFalse();
        allergy.GetProperty("clinicalStatus").GetString().ShouldBe("active");
        allergy.GetProperty("verificationStatus").GetString().ShouldBe("unconfirmed");
        allergy.GetProperty("criticality").GetString().ShouldBe("high");
        allergy.GetProperty("category").GetString().ShouldBe("medication");
        allergy.GetProperty("note").GetString().ShouldBe("Since childhood");
        allergy.GetProperty("reactions")[0].GetProperty("severity").GetString().ShouldBe("severe");
        allergy.GetProperty("recorderId").GetGuid().ShouldBe(visits.DoctorUser);
        allergy.GetProperty("version").GetInt32().ShouldBe(0);
        latex.GetProperty("substance").TryGetProperty("code", out var code).ShouldBeTrue();
        code.ValueKind.ShouldBe(JsonValueKind.Null);
        (await Allergies.ListAsync(visits.Nurse, patient)).Select(a => a.Id()).ShouldBe([allergy.Id(), latex.Id()]);
        (await Json.ReadAsync(await visits.Nurse.GetAsync($"/api/v1/allergies/{allergy.Id()}"), HttpStatusCode.OK)).GetProperty("patientId").GetGuid().ShouldBe(patient);
    }

    [Fact]
    public async Task A_second_active_allergy_to_the_same_coded_substance_answers_409_until_the_first_is_resolved()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var first = await Allergies.RecordAsync(visits, patient, Allergies.Penicillin());

        var second = await visits.Nurse.PostAsJsonAsync($"/api/v1/patients/{patient}/allergies", Allergies.Penicillin(new { verificationStatus = "confirmed" }));
        var otherPatient = await visits.Nurse.PostAsJsonAsync($"/api/v1/patients/{await visits.PatientAsync()}/allergies", Allergies.Penicillin());
        await Json.ReadAsync(await visits.Doctor.SendAsync(Allergies.Patch(first.Id(), """{"clinicalStatus":"resolved"}""", "\"0\"")), HttpStatusCode.OK);
        var afterResolving = await visits.Nurse.PostAsJsonAsync($"/api/v1/patients/{patient}/allergies", Allergies.Penicillin());
        var reactivated = await visits.Doctor.SendAsync(Allergies.Patch(first.Id(), """{"clinicalStatus":"active"}""", "\"1\""));

        (await ProblemAssertions.ShouldBeProblemAsync(second, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("one-active-allergy-per-substance");
        otherPatient.StatusCode.ShouldBe(HttpStatusCode.Created);
        afterResolving.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ProblemAssertions.ShouldBeProblemAsync(reactivated, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("one-active-allergy-per-substance");
    }

    [Fact]
    public async Task Six_concurrent_recordings_of_one_substance_make_exactly_one()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{patient}/allergies", Allergies.Penicillin())));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.Created, .. Enumerable.Repeat(HttpStatusCode.Conflict, 5)]);
        (await Allergies.ListAsync(visits.Doctor, patient)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task No_known_allergies_is_recordable_once_and_cannot_stand_beside_an_active_allergy()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var nka = await Allergies.RecordAsync(visits, patient, Allergies.NoKnownAllergies());

        var again = await visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{patient}/allergies", Allergies.NoKnownAllergies());
        var allergy = await visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{patient}/allergies", Allergies.Penicillin());
        var withReactions = await visits.Doctor.PostAsJsonAsync(
            $"/api/v1/patients/{await visits.PatientAsync()}/allergies",
            new { substance = new { system = "http://snomed.info/sct", code = "716186003", display = "No known allergy" }, criticality = "low", reactions = new[] { new { manifestation = new { display = "Rash" } } } });
        var patchedReactions = await visits.Doctor.SendAsync(Allergies.Patch(nka.Id(), """{"reactions":[{"manifestation":{"display":"Rash"}}]}""", "\"0\""));
        await Json.ReadAsync(await visits.Doctor.SendAsync(Allergies.Patch(nka.Id(), """{"clinicalStatus":"inactive"}""", "\"0\"")), HttpStatusCode.OK);
        var afterwards = await visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{patient}/allergies", Allergies.Penicillin());
        var nkaBesideIt = await visits.Doctor.SendAsync(Allergies.Patch(nka.Id(), """{"clinicalStatus":"active"}""", "\"1\""));

        nka.GetProperty("noKnownAllergies").GetBoolean().ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("one-active-allergy-per-substance");
        (await ProblemAssertions.ShouldBeProblemAsync(allergy, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("no-known-allergies-contradicted");
        var errors = (await ProblemAssertions.ShouldBeProblemAsync(withReactions, HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.TryGetProperty("reactions", out _).ShouldBeTrue(errors.ToString());
        errors.TryGetProperty("criticality", out _).ShouldBeTrue(errors.ToString());
        (await ProblemAssertions.ShouldBeProblemAsync(patchedReactions, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reactions", out _).ShouldBeTrue();
        afterwards.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ProblemAssertions.ShouldBeProblemAsync(nkaBesideIt, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("no-known-allergies-contradicted");
    }

    [Fact]
    public async Task A_patch_changes_statuses_reactions_and_note_with_if_match_and_the_history_keeps_every_earlier_state()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var allergy = await Allergies.RecordAsync(visits, patient, Allergies.Penicillin(new { criticality = "low" }));

        var withoutIfMatch = await visits.Doctor.PatchAsync(
            $"/api/v1/allergies/{allergy.Id()}", new StringContent("""{"criticality":"high"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"));
        var substance = await visits.Doctor.SendAsync(Allergies.Patch(allergy.Id(), """{"substance":{"display":"Aspirin"}}""", "\"0\""));
        var enteredInError = await visits.Doctor.SendAsync(Allergies.Patch(allergy.Id(), """{"verificationStatus":"enteredInError"}""", "\"0\""));
        var badSeverity = await visits.Doctor.SendAsync(Allergies.Patch(allergy.Id(), """{"reactions":[{"manifestation":{"display":"Rash"},"severity":"awful"}]}""", "\"0\""));
        var patched = await visits.Nurse.SendAsync(Allergies.Patch(
            allergy.Id(), """{"criticality":"high","verificationStatus":"confirmed","reactions":[{"manifestation":{"display":"Hives"},"severity":"moderate"}],"note":"Confirmed by challenge"}""", "\"0\""));
        var stale = await visits.Doctor.SendAsync(Allergies.Patch(allergy.Id(), """{"note":null}""", "\"0\""));
        await Json.ReadAsync(await visits.Doctor.SendAsync(Allergies.Patch(allergy.Id(), """{"note":null}""", "\"1\"")), HttpStatusCode.OK);

        withoutIfMatch.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await ProblemAssertions.ShouldBeProblemAsync(substance, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("substance", out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(enteredInError, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("verificationStatus", out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(badSeverity, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().ShouldContain(e => e.Name.Contains("severity"));
        var body = await Json.ReadAsync(patched, HttpStatusCode.OK);
        patched.Headers.ETag!.Tag.ShouldBe("\"1\"");
        body.GetProperty("criticality").GetString().ShouldBe("high");
        body.GetProperty("reactions")[0].GetProperty("manifestation").GetProperty("display").GetString().ShouldBe("Hives");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        var history = await Allergies.HistoryAsync(visits.Nurse, allergy.Id());
        history.Select(h => h.GetProperty("number").GetInt32()).ShouldBe([1, 2, 3]);
        history.Select(h => h.GetProperty("action").GetString()).ShouldBe(["create", "update", "update"]);
        history[0].GetProperty("state").GetProperty("criticality").GetString().ShouldBe("low");
        history[0].GetProperty("state").GetProperty("verificationStatus").GetString().ShouldBe("unconfirmed");
        history[0].GetProperty("actorId").GetGuid().ShouldBe(visits.DoctorUser);
        history[1].GetProperty("state").GetProperty("note").GetString().ShouldBe("Confirmed by challenge");
        history[1].GetProperty("actorId").GetGuid().ShouldBe(visits.NurseUser);
        history[2].GetProperty("state").GetProperty("version").GetInt32().ShouldBe(2);
        history[2].GetProperty("state").GetProperty("note").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Entered_in_error_drops_the_clinical_status_keeps_the_allergy_readable_and_frees_its_substance()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var allergy = await Allergies.RecordAsync(visits, patient, Allergies.Penicillin());
        var url = $"/api/v1/allergies/{allergy.Id()}/entered-in-error";

        var noReason = await visits.Doctor.PostAsJsonAsync(url, new { reason = "" });
        var voided = await Json.ReadAsync(await visits.Doctor.PostAsJsonAsync(url, new { reason = "Recorded for the wrong patient" }), HttpStatusCode.OK);
        var again = await visits.Doctor.PostAsJsonAsync(url, new { reason = "Again" });
        var patch = await visits.Doctor.SendAsync(Allergies.Patch(allergy.Id(), """{"clinicalStatus":"active"}""", "\"1\""));
        var anew = await visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{patient}/allergies", Allergies.Penicillin());

        (await ProblemAssertions.ShouldBeProblemAsync(noReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        voided.GetProperty("verificationStatus").GetString().ShouldBe("enteredInError");
        voided.GetProperty("clinicalStatus").ValueKind.ShouldBe(JsonValueKind.Null);
        voided.GetProperty("enteredInErrorReason").GetString().ShouldBe("Recorded for the wrong patient");
        (await ProblemAssertions.ShouldBeProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("allergy-entered-in-error");
        (await ProblemAssertions.ShouldBeProblemAsync(patch, HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("allergy-entered-in-error");
        anew.StatusCode.ShouldBe(HttpStatusCode.Created);
        var history = await Allergies.HistoryAsync(visits.Doctor, allergy.Id());
        history[^1].GetProperty("action").GetString().ShouldBe("entered-in-error");
        history[^1].GetProperty("reason").GetString().ShouldBe("Recorded for the wrong patient");
        history[0].GetProperty("state").GetProperty("clinicalStatus").GetString().ShouldBe("active");
        var audit = await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={allergy.Id()}&action=entered-in-error"), HttpStatusCode.OK);
        audit.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("reason").GetString().ShouldBe("Recorded for the wrong patient");
    }

    public static TheoryData<string, string> InvalidAllergies() => new()
    {
        { """{}""", "substance" },
        { """{"substance":{"code":"7980","display":"Penicillin"}}""", "substance.system" },
        { """{"substance":{"system":"http://snomed.info/sct","display":"Penicillin"}}""", "substance.code" },
        { """{"substance":{"display":""}}""", "substance.display" },
        { """{"substance":{"display":"Latex"},"category":"plant"}""", "category" },
        { """{"substance":{"display":"Latex"},"criticality":"medium"}""", "criticality" },
        { """{"substance":{"display":"Latex"},"verificationStatus":"enteredInError"}""", "verificationStatus" },
        { """{"substance":{"display":"Latex"},"clinicalStatus":"remission"}""", "clinicalStatus" },
        { """{"substance":{"display":"Latex"},"reactions":[{"severity":"mild"}]}""", "reactions[0].manifestation" },
        { """{"substance":{"display":"Latex"},"onsetAt":"2999-01-01T00:00:00Z"}""", "onsetAt" },
        { """{"substance":{"display":"Latex"},"encounterId":"0195a0b2-0000-7000-8000-000000000099"}""", "encounterId" },
    };

    [Theory]
    [MemberData(nameof(InvalidAllergies))]
    public async Task An_invalid_allergy_answers_400_naming_the_field_and_records_nothing(string body, string field)
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();

        var response = await visits.Doctor.PostAsync($"/api/v1/patients/{patient}/allergies", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var errors = (await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldContain(name => string.Equals(name, field, StringComparison.OrdinalIgnoreCase), errors.ToString());
        (await Allergies.ListAsync(visits.Doctor, patient)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_receptionist_reads_and_writes_no_allergies_and_an_unknown_patient_answers_404()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var allergy = await Allergies.RecordAsync(visits, patient, Allergies.Penicillin());
        var client = visits.Receptionist;

        (await client.PostAsJsonAsync($"/api/v1/patients/{patient}/allergies", Allergies.NoKnownAllergies())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/api/v1/patients/{patient}/allergies")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/api/v1/allergies/{allergy.Id()}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/api/v1/allergies/{allergy.Id()}/history")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.SendAsync(Allergies.Patch(allergy.Id(), """{"clinicalStatus":"resolved"}""", "\"0\""))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync($"/api/v1/allergies/{allergy.Id()}/entered-in-error", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Json.ReadAsync(await visits.Doctor.GetAsync($"/api/v1/allergies/{allergy.Id()}"), HttpStatusCode.OK)).GetProperty("version").GetInt32().ShouldBe(0);
        await ProblemAssertions.ShouldBeProblemAsync(
            await visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{Guid.CreateVersion7()}/allergies", Allergies.Penicillin()), HttpStatusCode.NotFound);
        await ProblemAssertions.ShouldBeProblemAsync(await visits.Doctor.GetAsync($"/api/v1/patients/{Guid.CreateVersion7()}/allergies"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reading_allergies_is_audited()
    {
        var visits = await Visits.OpenAsync(app);
        var allergy = await Allergies.RecordAsync(visits, await visits.PatientAsync(), Allergies.Penicillin());

        await Json.ReadAsync(await visits.Nurse.GetAsync($"/api/v1/allergies/{allergy.Id()}"), HttpStatusCode.OK);
        await Allergies.HistoryAsync(visits.Nurse, allergy.Id());

        var audit = await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={allergy.Id()}&action=read"), HttpStatusCode.OK);
        audit.GetProperty("items").EnumerateArray().Count(r => r.GetProperty("actorId").GetGuid() == visits.NurseUser).ShouldBe(2);
    }
}

internal static class Allergies
{
    public static object Penicillin(object? extra = null) =>
        Json.Merge(new { substance = new { system = "http://www.nlm.nih.gov/research/umls/rxnorm", code = "7980", display = "Penicillin G" } }, extra);

    public static object NoKnownAllergies() => new { substance = new { system = "http://snomed.info/sct", code = "716186003", display = "No known allergy" } };

    public static async Task<JsonElement> RecordAsync(Visits visits, Guid patient, object body) =>
        await Json.ReadAsync(await visits.Doctor.PostAsJsonAsync($"/api/v1/patients/{patient}/allergies", body), HttpStatusCode.Created);

    public static async Task<List<JsonElement>> ListAsync(HttpClient client, Guid patient) =>
        [.. (await Json.ReadAsync(await client.GetAsync($"/api/v1/patients/{patient}/allergies"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    public static async Task<List<JsonElement>> HistoryAsync(HttpClient client, Guid allergy) =>
        [.. (await Json.ReadAsync(await client.GetAsync($"/api/v1/allergies/{allergy}/history"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    public static HttpRequestMessage Patch(Guid allergy, string json, string etag) =>
        MergePatchRequest.Create($"/api/v1/allergies/{allergy}", json, new EntityTagHeaderValue(etag));
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class AllergyTests_on_Postgres(ClinicalPostgresApp app) : AllergyTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class AllergyTests_on_Sqlite(ClinicalSqliteApp app) : AllergyTests(app);
