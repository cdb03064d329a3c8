using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>Recording vitals sets on patients and encounters: flags, NEWS2, corrections, the close gate, alerts and access.</summary>
public abstract class VitalsTests(ClinicalApp app)
{
    /// <summary>NEWS2 1 (pulse 95), all seven parameters present; BMI 25.0.</summary>
    private static readonly object Calm = new
    {
        temperature = 37.0m, heartRate = 95, respiratoryRate = 18, systolicBloodPressure = 120, diastolicBloodPressure = 80, oxygenSaturation = 97,
        onSupplementalOxygen = false, consciousness = "alert", height = 180.0m, weight = 81.0m,
    };

    /// <summary>NEWS2 7, the high band: temperature 1, pulse 2, respiration 2, systolic 1, SpO2 1.</summary>
    private static readonly object Deteriorating = new
    {
        temperature = 38.4m, heartRate = 112, respiratoryRate = 22, systolicBloodPressure = 104, oxygenSaturation = 94, onSupplementalOxygen = false,
        consciousness = "alert",
    };

    [Fact]
    public async Task A_recorded_set_reads_back_with_codes_units_flags_bmi_and_news2()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");

        var recorded = await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", Calm), HttpStatusCode.Created);
        var listed = (await ListAsync(visits.Doctor, $"/api/v1/patients/{recorded.GetProperty("patientId").GetGuid()}/vitals")).Single();

        listed.GetRawText().ShouldBe(recorded.GetRawText());
        listed.Status().ShouldBe("final");
        listed.GetProperty("encounterId").GetGuid().ShouldBe(encounter);
        listed.GetProperty("performerId").GetGuid().ShouldBe(visits.NurseUser);
        var heartRate = Reading(listed, "heartRate");
        heartRate.GetProperty("code").GetProperty("code").GetString().ShouldBe("8867-4");
        heartRate.GetProperty("code").GetProperty("system").GetString().ShouldBe("http://loinc.org");
        heartRate.GetProperty("unit").GetString().ShouldBe("/min");
        heartRate.GetProperty("interpretation").GetString().ShouldBe("high");
        Reading(listed, "temperature").GetProperty("interpretation").GetString().ShouldBe("normal");
        Reading(listed, "bmi").GetProperty("value").GetDecimal().ShouldBe(25.0m);
        Reading(listed, "weight").GetProperty("interpretation").ValueKind.ShouldBe(JsonValueKind.Null);
        var news2 = listed.GetProperty("news2");
        news2.GetProperty("aggregate").GetInt32().ShouldBe(1);
        news2.GetProperty("risk").GetString().ShouldBe("low");
        news2.GetProperty("subScores").GetProperty("pulse").GetInt32().ShouldBe(1);
        news2.GetProperty("missing").GetArrayLength().ShouldBe(0);
        (await app.OutboxAsync(recorded.Id())).ShouldNotContain(e => e.Type == "News2AlertRaised");
    }

    [Fact]
    public async Task A_heart_rate_of_900_answers_400_naming_heartRate_and_records_nothing()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();

        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            await visits.Nurse.PostAsJsonAsync($"/api/v1/patients/{patient}/vitals", new { heartRate = 900 }), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["heartRate"]);
        (await ListAsync(visits.Doctor, $"/api/v1/patients/{patient}/vitals")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_correction_supersedes_and_an_entry_in_error_is_struck_out_and_every_set_stays_readable()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var url = $"/api/v1/patients/{patient}/vitals";
        var facilityId = await visits.Clinic.Staff.FacilityAsync();
        var original = (await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(url, new { heartRate = 80, facilityId }), HttpStatusCode.Created)).Id();
        var mistaken = (await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(url, new { heartRate = 70, facilityId }), HttpStatusCode.Created)).Id();

        var correction = await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/vitals/{original}/correct", new { heartRate = 88 }), HttpStatusCode.Created);
        var struck = await Json.ReadAsync(
            await visits.Nurse.PostAsJsonAsync($"/api/v1/vitals/{mistaken}/entered-in-error", new { reason = "Charted on the wrong patient" }), HttpStatusCode.OK);

        correction.GetProperty("replaces").GetGuid().ShouldBe(original);
        var superseded = await Json.ReadAsync(await visits.Doctor.GetAsync($"/api/v1/vitals/{original}"), HttpStatusCode.OK);
        superseded.Status().ShouldBe("superseded");
        superseded.GetProperty("supersededBy").GetGuid().ShouldBe(correction.Id());
        Reading(superseded, "heartRate").GetProperty("value").GetDecimal().ShouldBe(80m);
        struck.Status().ShouldBe("enteredInError");
        struck.GetProperty("enteredInError").GetProperty("reason").GetString().ShouldBe("Charted on the wrong patient");
        Reading(struck, "heartRate").GetProperty("value").GetDecimal().ShouldBe(70m);
        (await ListAsync(visits.Doctor, url)).Select(v => v.Id()).ShouldBe([correction.Id(), mistaken, original], ignoreOrder: true);
        (await ProblemAssertions.ShouldBeProblemAsync(
            await visits.Nurse.PostAsJsonAsync($"/api/v1/vitals/{original}/correct", new { heartRate = 90 }), HttpStatusCode.Conflict))
            .GetProperty("currentStatus").GetString().ShouldBe("superseded");
        (await visits.Nurse.PostAsJsonAsync($"/api/v1/vitals/{mistaken}/entered-in-error", new { reason = "again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Lists_are_newest_first_paged_and_bounded_by_from_and_to()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var url = $"/api/v1/encounters/{encounter}/vitals";
        var times = new[] { app.Now.AddHours(-3), app.Now.AddHours(-1), app.Now.AddHours(-2) };
        var ids = new List<Guid>();
        foreach (var at in times)
        {
            ids.Add((await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(url, new { heartRate = 80, effectiveAt = at }), HttpStatusCode.Created)).Id());
        }

        var first = await Json.ReadAsync(await visits.Doctor.GetAsync($"{url}?limit=2"), HttpStatusCode.OK);
        var rest = await Json.ReadAsync(await visits.Doctor.GetAsync($"{url}?limit=2&cursor={first.GetProperty("nextCursor").GetString()}"), HttpStatusCode.OK);
        var bounded = await ListAsync(visits.Doctor, $"{url}?from={Uri.EscapeDataString(app.Now.AddHours(-2.5).ToString("O"))}&to={Uri.EscapeDataString(app.Now.AddHours(-1.5).ToString("O"))}");

        first.GetProperty("items").EnumerateArray().Concat(rest.GetProperty("items").EnumerateArray()).Select(v => v.Id()).ShouldBe([ids[1], ids[2], ids[0]]);
        rest.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        bounded.Select(v => v.Id()).ShouldBe([ids[2]]);
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("cancelled")]
    public async Task An_ended_encounter_takes_no_new_sets_answering_409(string status)
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync(status);
        var patient = (await visits.GetAsync(encounter)).GetProperty("patientId").GetGuid();

        var direct = await ProblemAssertions.ShouldBeProblemAsync(
            await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", Calm), HttpStatusCode.Conflict);
        var viaPatient = await visits.Nurse.PostAsJsonAsync($"/api/v1/patients/{patient}/vitals", new { heartRate = 80, encounterId = encounter });

        direct.GetProperty("currentStatus").GetString().ShouldBe(status);
        viaPatient.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ListAsync(visits.Doctor, $"/api/v1/encounters/{encounter}/vitals")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_vitals_close_requirement_is_met_by_a_set_not_entered_in_error()
    {
        var visits = await Visits.OpenAsync(app);
        await visits.RuleAsync("encounter.close.requires", new[] { "vitals" });
        var encounter = await visits.InStatusAsync("inConsultation");
        var url = $"/api/v1/encounters/{encounter}/vitals";

        var before = await ProblemAssertions.ShouldBeProblemAsync(await visits.ActAsync(encounter, "close", visits.Doctor), HttpStatusCode.UnprocessableEntity);
        var mistaken = (await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(url, Calm), HttpStatusCode.Created)).Id();
        await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/vitals/{mistaken}/entered-in-error", new { reason = "Wrong patient" }), HttpStatusCode.OK);
        var struckOnly = await visits.ActAsync(encounter, "close", visits.Doctor);
        await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(url, Calm), HttpStatusCode.Created);
        var closed = await Json.ReadAsync(await visits.ActAsync(encounter, "close", visits.Doctor), HttpStatusCode.OK);

        before.GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("requirement").GetString()).ShouldBe(["vitals"]);
        struckOnly.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        closed.Status().ShouldBe("completed");
    }

    [Fact]
    public async Task A_high_news2_publishes_an_alert_with_the_set_and_notifies_the_attending_practitioners_user()
    {
        var visits = await Visits.OpenAsync(app);
        var attendingUser = await visits.Clinic.Staff.NewUserAsync();
        var attending = await visits.Clinic.NewPractitionerAsync(attendingUser);
        var encounter = (await visits.CreatedAsync(new { status = "arrived", participants = new[] { new { practitionerId = attending, role = "attender" } } })).Id();

        var recorded = await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", Deteriorating), HttpStatusCode.Created);

        recorded.GetProperty("news2").GetProperty("aggregate").GetInt32().ShouldBe(7);
        recorded.GetProperty("news2").GetProperty("risk").GetString().ShouldBe("high");
        var alert = (await app.OutboxAsync(recorded.Id())).ShouldHaveSingleItem();
        alert.Type.ShouldBe("News2AlertRaised");
        alert.Payload.GetProperty("aggregate").GetInt32().ShouldBe(7);
        alert.Payload.GetProperty("encounterId").GetGuid().ShouldBe(encounter);
        var notification = await Inbox.EventuallySingleAsync(visits, attendingUser);
        notification.GetProperty("templateKey").GetString().ShouldBe("news2.alert");
        notification.GetRawText().ShouldContain("NEWS2 7 (high)");
    }

    [Fact]
    public async Task Another_tenant_finds_none_of_the_vitals_endpoints_resources()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var patient = (await visits.GetAsync(encounter)).GetProperty("patientId").GetGuid();
        var set = (await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", Calm), HttpStatusCode.Created)).Id();

        await TenantIsolation.Between(visits.Care, app.NewClinic().As("Admin,Doctor,Nurse"))
            .CoveringEvery(ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Clinical.ClinicalDb).Namespace!).Where(e => e.Template.Contains("vitals")))
            .Watching($"/api/v1/vitals/{set}", $"/api/v1/encounters/{encounter}")
            .Get($"/api/v1/vitals/{set}")
            .Post($"/api/v1/vitals/{set}/correct", new { heartRate = 60 })
            .Post($"/api/v1/vitals/{set}/entered-in-error", new { reason = "x" })
            .Get($"/api/v1/encounters/{encounter}/vitals")
            .Post($"/api/v1/encounters/{encounter}/vitals", new { heartRate = 60 })
            .Get($"/api/v1/patients/{patient}/vitals")
            .Post($"/api/v1/patients/{patient}/vitals", new { heartRate = 60 })
            .ShouldHoldAsync();
    }

    [Fact]
    public async Task A_set_taken_in_an_encounter_is_hidden_from_users_of_other_facilities()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var patient = (await visits.GetAsync(encounter)).GetProperty("patientId").GetGuid();
        var set = (await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", Calm), HttpStatusCode.Created)).Id();
        var (elsewhere, _) = await visits.DepartmentElsewhereAsync();
        var outsider = visits.Clinic.AssignedTo("Doctor,Nurse", elsewhere);

        (await outsider.GetAsync($"/api/v1/vitals/{set}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync($"/api/v1/encounters/{encounter}/vitals")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ListAsync(outsider, $"/api/v1/patients/{patient}/vitals")).ShouldBeEmpty();
        (await ListAsync(visits.Doctor, $"/api/v1/patients/{patient}/vitals")).Select(v => v.Id()).ShouldBe([set]);
    }

    [Fact]
    public async Task A_receptionist_may_neither_record_nor_read_vitals_and_reads_are_audited()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var patient = (await visits.GetAsync(encounter)).GetProperty("patientId").GetGuid();
        var set = (await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", Calm), HttpStatusCode.Created)).Id();

        (await visits.Receptionist.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", Calm)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.Receptionist.PostAsJsonAsync($"/api/v1/patients/{patient}/vitals", Calm)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.Receptionist.GetAsync($"/api/v1/patients/{patient}/vitals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.Receptionist.GetAsync($"/api/v1/vitals/{set}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await ListAsync(visits.Doctor, $"/api/v1/patients/{patient}/vitals");

        var audit = await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={patient}&action=read"), HttpStatusCode.OK);
        audit.GetProperty("items").EnumerateArray().ShouldContain(r => r.GetProperty("actorId").GetGuid() == visits.DoctorUser);
    }

    private static JsonElement Reading(JsonElement vitals, string field) =>
        vitals.GetProperty("readings").EnumerateArray().Single(r => r.GetProperty("field").GetString() == field);

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string url) =>
        [.. (await Json.ReadAsync(await client.GetAsync(url), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class VitalsTests_on_Postgres(ClinicalPostgresApp app) : VitalsTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class VitalsTests_on_Sqlite(ClinicalSqliteApp app) : VitalsTests(app);
