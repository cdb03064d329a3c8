using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>GET /encounters/{id} summarises what the encounter recorded, for clinical readers only.</summary>
public abstract class EncounterSummaryTests(ClinicalApp app)
{
    [Fact]
    public async Task A_clinical_reader_sees_the_latest_standing_vitals_the_diagnoses_and_the_notes_without_their_bodies()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var encounter = await visits.InStatusAsync("inConsultation");
        var vitals = $"/api/v1/encounters/{encounter}/vitals";
        var now = app.Now;
        await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(vitals, new { heartRate = 70, effectiveAt = now.AddHours(-3) }), HttpStatusCode.Created);
        var latest = (await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(vitals, SummaryData.Deteriorating(now.AddHours(-2))), HttpStatusCode.Created)).Id();
        var struck = (await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(vitals, new { heartRate = 140, effectiveAt = now.AddHours(-1) }), HttpStatusCode.Created)).Id();
        await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/vitals/{struck}/entered-in-error", new { reason = "Wrong patient" }), HttpStatusCode.OK);
        var secondary = await Diagnoses.RecordAsync(visits, encounter, new { code = "I10" });
        var primary = await Diagnoses.RecordAsync(visits, encounter, new { code = "J18.9", rank = "primary", verificationStatus = "provisional" });
        var mistaken = await Diagnoses.RecordAsync(visits, encounter, new { code = "E11.9" });
        await Json.ReadAsync(await visits.Doctor.PostAsJsonAsync($"/api/v1/diagnoses/{mistaken.Id()}/entered-in-error", new { reason = "Other patient's" }), HttpStatusCode.OK);
        var draft = (await notes.DraftAsync(encounter, body: Notes.Body("progress", "Evening review"))).Id();
        var signed = await notes.SignedAsync(encounter);
        var amended = await notes.SignedAsync(encounter);
        await Json.ReadAsync(await notes.ActAsync(amended, "amend", body: new { reason = "Wrong dose" }), HttpStatusCode.Created);
        await Json.ReadAsync(await notes.ActAsync(amended, "sign"), HttpStatusCode.OK);

        var summary = (await visits.GetAsync(encounter, visits.Doctor)).GetProperty("summary");

        var vitalsSummary = summary.GetProperty("vitals");
        vitalsSummary.GetProperty("count").GetInt32().ShouldBe(2, "the entered-in-error set does not count");
        var last = vitalsSummary.GetProperty("latest");
        last.Id().ShouldBe(latest);
        last.GetProperty("takenAt").GetDateTimeOffset().ShouldBe(now.AddHours(-2), TimeSpan.FromSeconds(1));
        last.GetProperty("news2Aggregate").GetInt32().ShouldBe(7);
        last.GetProperty("news2Risk").GetString().ShouldBe("high");
        var heartRate = last.GetProperty("readings").EnumerateArray().Single(r => r.GetProperty("field").GetString() == "heartRate");
        heartRate.GetProperty("value").GetDecimal().ShouldBe(112m);
        heartRate.GetProperty("unit").GetString().ShouldBe("/min");

        var diagnoses = summary.GetProperty("diagnoses").EnumerateArray().ToList();
        diagnoses.Select(d => d.Id()).ShouldBe([primary.Id(), secondary.Id()]);
        diagnoses[0].GetProperty("code").GetString().ShouldBe("J18.9");
        diagnoses[0].GetProperty("display").GetString().ShouldBe(primary.GetProperty("display").GetString());
        diagnoses[0].GetProperty("rank").GetString().ShouldBe("primary");
        diagnoses[0].GetProperty("verificationStatus").GetString().ShouldBe("provisional");
        diagnoses[0].GetProperty("clinicalStatus").GetString().ShouldBe("active");

        var listed = summary.GetProperty("notes").EnumerateArray().ToDictionary(n => n.Id());
        listed.Keys.ShouldBe([draft, signed, amended]);
        listed[draft].GetProperty("status").GetString().ShouldBe("draft");
        listed[draft].GetProperty("title").GetString().ShouldBe("Evening review");
        listed[draft].GetProperty("lastSignedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        listed[signed].GetProperty("status").GetString().ShouldBe("signed");
        listed[signed].GetProperty("authorId").GetGuid().ShouldBe(visits.DoctorUser);
        listed[signed].GetProperty("lastSignedAt").ValueKind.ShouldBe(JsonValueKind.String);
        listed[amended].GetProperty("status").GetString().ShouldBe("amended");
        listed[amended].GetProperty("version").GetInt32().ShouldBe(2);
        listed[amended].GetProperty("type").GetString().ShouldBe("progress");
        summary.GetRawText().ShouldNotContain("Slept well", Case.Sensitive, "note bodies stay out of the summary");
    }

    [Fact]
    public async Task A_pending_amendment_reads_as_a_draft_with_the_time_its_signed_version_was_signed()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var encounter = await visits.InStatusAsync("inConsultation");
        var note = await notes.SignedAsync(encounter);
        var signedAt = (await notes.GetAsync(note)).Note.Current().GetProperty("signature").GetProperty("signedAt").GetDateTimeOffset();
        await Json.ReadAsync(await notes.ActAsync(note, "amend", body: new { reason = "Wrong dose" }), HttpStatusCode.Created);

        var summarised = (await visits.GetAsync(encounter, visits.Doctor)).GetProperty("summary").GetProperty("notes").EnumerateArray().Single();

        summarised.GetProperty("status").GetString().ShouldBe("draft");
        summarised.GetProperty("version").GetInt32().ShouldBe(2);
        summarised.GetProperty("lastSignedAt").GetDateTimeOffset().ShouldBe(signedAt);
    }

    [Fact]
    public async Task An_encounter_with_nothing_recorded_has_an_empty_summary()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");

        var summary = (await visits.GetAsync(encounter, visits.Nurse)).GetProperty("summary");

        summary.GetProperty("vitals").GetProperty("count").GetInt32().ShouldBe(0);
        summary.GetProperty("vitals").GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Null);
        summary.GetProperty("diagnoses").GetArrayLength().ShouldBe(0);
        summary.GetProperty("notes").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_receptionist_sees_the_encounter_without_its_summary_and_lists_never_carry_one()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", SummaryData.Deteriorating(app.Now)), HttpStatusCode.Created);
        await Diagnoses.RecordAsync(visits, encounter, new { code = "J18.9", rank = "primary" });

        var seen = await visits.GetAsync(encounter, visits.Receptionist);

        seen.GetProperty("summary").ValueKind.ShouldBe(JsonValueKind.Null);
        seen.GetProperty("clinical").ValueKind.ShouldBe(JsonValueKind.Null);
        seen.GetRawText().ShouldNotContain("J18.9");
        (await visits.GetAsync(encounter, visits.Doctor)).GetProperty("summary").GetProperty("diagnoses").GetArrayLength().ShouldBe(1);
    }
}

internal static class SummaryData
{
    /// <summary>NEWS2 7, the high band: temperature 1, pulse 2, respiration 2, systolic 1, SpO2 1.</summary>
    public static object Deteriorating(DateTimeOffset effectiveAt) => new
    {
        temperature = 38.4m, heartRate = 112, respiratoryRate = 22, systolicBloodPressure = 104, oxygenSaturation = 94, onSupplementalOxygen = false,
        consciousness = "alert", effectiveAt,
    };
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class EncounterSummaryTests_on_Postgres(ClinicalPostgresApp app) : EncounterSummaryTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class EncounterSummaryTests_on_Sqlite(ClinicalSqliteApp app) : EncounterSummaryTests(app);
