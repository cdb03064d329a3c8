using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical.Timeline;

/// <summary>GET /patients/{id}/timeline: a patient's history across Scheduling, Clinical and Admissions.</summary>
public abstract class PatientTimelineTests(ClinicalApp app)
{
    [Fact]
    public async Task Entries_of_every_module_come_newest_first_then_by_kind_and_id_when_they_happened_at_the_same_instant()
    {
        var timeline = await Timelines.OpenAsync(app);
        var at = Timelines.Past(app);
        var appointment = await timeline.AppointmentAsync();
        var outpatient = await timeline.EncounterAsync(at);
        var vitals = await timeline.VitalsAsync(at);
        var admission = await timeline.AdmitAsync(at, await timeline.BedAsync(at));
        await timeline.PostAsync($"/api/v1/admissions/{admission}/transfer", new { bedId = await timeline.BedAsync(at), reason = "Step down", transferredAt = at });
        await timeline.PostAsync($"/api/v1/admissions/{admission}/discharge", new { dischargeType = "normal", disposition = "home", dischargedAt = at });
        var inpatient = (await timeline.Visits.EventuallyAsync($"admissionId={admission}", items => items.Count > 0)).Single().Id();
        var diagnosis = await timeline.DiagnosisAsync(outpatient);
        var note = await timeline.NoteAsync(outpatient);

        var items = await timeline.ReadAsync(client: timeline.Visits.Doctor);

        Guid[] encounters = [.. new[] { outpatient, inpatient }.OrderDescending()];
        items.Select(e => e.Key()).ShouldBe(
        [
            $"appointment/{appointment}", $"note/{note}", $"diagnosis/{diagnosis}",
            $"admission/{items[3].Id()}", $"discharge/{items[4].Id()}", $"encounter/{encounters[0]}", $"encounter/{encounters[1]}", $"transfer/{items[7].Id()}",
            $"vitals/{vitals}",
        ]);
        items.Skip(3).ShouldAllBe(e => e.OccurredAt() == at);
        items[0].GetProperty("links").GetProperty("self").GetString().ShouldBe($"/api/v1/appointments/{appointment}");
        items.Where(e => e.Kind() is "admission" or "transfer" or "discharge").ShouldAllBe(e =>
            e.EncounterId() == inpatient && e.GetProperty("links").GetProperty("self").GetString() == $"/api/v1/admissions/{admission}");
        items[1].EncounterId().ShouldBe(outpatient);
        items[1].GetProperty("status").GetString().ShouldBe("draft");
        items[2].GetProperty("title").GetString()!.ShouldStartWith("J18.9 ");
        items.ShouldAllBe(e => !e.EnteredInError());

        var audit = await Json.ReadAsync(await timeline.Visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={timeline.Patient}"), HttpStatusCode.OK);
        audit.GetProperty("items").EnumerateArray().ShouldContain(r =>
            r.GetProperty("action").GetString() == "read" && r.GetProperty("entityType").GetString() == "Patient"
            && r.GetProperty("actorId").GetGuid() == timeline.Visits.DoctorUser);
    }

    [Fact]
    public async Task Kind_repeated_or_comma_separated_and_from_to_pick_the_entries()
    {
        var timeline = await Timelines.OpenAsync(app);
        var at = Timelines.Past(app, TimeSpan.FromHours(3));
        var early = await timeline.VitalsAsync(at);
        var middle = await timeline.VitalsAsync(at.AddHours(1));
        await timeline.VitalsAsync(at.AddHours(2));
        var encounter = await timeline.EncounterAsync(at.AddHours(1));
        var appointment = await timeline.AppointmentAsync();
        var window = $"from={Uri.EscapeDataString(at.AddHours(1).ToString("O"))}&to={Uri.EscapeDataString(at.AddHours(2).ToString("O"))}";

        (await timeline.ReadAsync($"kind=vitals&{window}")).Select(e => e.Key()).ShouldBe([$"vitals/{middle}"]);
        (await timeline.ReadAsync($"kind=vitals,encounter&{window}")).Select(e => e.Key()).ShouldBe([$"encounter/{encounter}", $"vitals/{middle}"]);
        (await timeline.ReadAsync($"kind=vitals&kind=ENCOUNTER&{window}")).Select(e => e.Key()).ShouldBe([$"encounter/{encounter}", $"vitals/{middle}"]);
        (await timeline.ReadAsync(window)).Select(e => e.Key()).ShouldBe([$"encounter/{encounter}", $"vitals/{middle}"]);
        (await timeline.ReadAsync("kind=appointment")).Select(e => e.Key()).ShouldBe([$"appointment/{appointment}"]);
        (await timeline.ReadAsync($"kind=vitals&to={Uri.EscapeDataString(at.AddHours(1).ToString("O"))}")).Select(e => e.Key()).ShouldBe([$"vitals/{early}"]);
    }

    [Fact]
    public async Task Paging_through_entries_that_share_their_instant_returns_each_once_in_the_order_of_one_big_page()
    {
        var timeline = await Timelines.OpenAsync(app);
        var at = Timelines.Past(app);
        for (var i = 0; i < 7; i++)
        {
            await timeline.EncounterAsync(at);
            await timeline.VitalsAsync(at);
        }

        for (var i = 0; i < 3; i++)
        {
            await timeline.VitalsAsync(at.AddMinutes(-1));
        }

        var whole = (await timeline.ReadAsync()).Select(e => e.Key()).ToList();
        var (paged, pages) = await timeline.AllPagesAsync(3);
        var (vitals, vitalsPages) = await timeline.AllPagesAsync(4, "kind=vitals");

        whole.Count.ShouldBe(17);
        whole.Distinct().Count().ShouldBe(17);
        paged.Select(e => e.Key()).ShouldBe(whole);
        pages.ShouldBe(6);
        vitals.Select(e => e.Key()).ShouldBe(whole.Where(k => k.StartsWith("vitals/", StringComparison.Ordinal)));
        vitalsPages.ShouldBe(3);
    }

    [Theory]
    [InlineData("kind=vitals,operations", "kind")]
    [InlineData("kind=", null)]
    [InlineData("from=2026-12-02T10:00:00Z&to=2026-12-01T10:00:00Z", "to")]
    [InlineData("from=2026-12-02T10:00:00Z&to=2026-12-02T10:00:00Z", "to")]
    [InlineData("from=0001-01-01T00:00:00Z", "from")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=0", "limit")]
    public async Task Bad_queries_answer_400_naming_the_parameter(string query, string? field)
    {
        var timeline = await Timelines.OpenAsync(app);

        var response = await timeline.Visits.Care.GetAsync($"{timeline.Url}?{query}");

        if (field is null)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return;
        }

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name.ToLowerInvariant()).ShouldContain(field);
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_with_the_kinds_there_are()
    {
        var timeline = await Timelines.OpenAsync(app);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await timeline.Visits.Care.GetAsync($"{timeline.Url}?kind=operations"), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("kind")[0].GetString().ShouldBe(
            "Unknown kind 'operations'; use one of: admission, appointment, diagnosis, discharge, encounter, note, order, transfer, vitals.");
    }

    [Fact]
    public async Task An_unknown_patient_is_404()
    {
        var timeline = await Timelines.OpenAsync(app);

        await ProblemAssertions.ShouldBeProblemAsync(
            await timeline.Visits.Care.GetAsync($"/api/v1/patients/{Guid.CreateVersion7()}/timeline"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_receptionist_sees_appointments_encounters_and_stays_without_clinical_content_and_is_refused_clinical_kinds()
    {
        var timeline = await Timelines.OpenAsync(app);
        var at = Timelines.Past(app);
        var appointment = await timeline.AppointmentAsync();
        var encounter = await timeline.EncounterAsync(at);
        await timeline.VitalsAsync(at, encounter);
        await timeline.NoteAsync(encounter);
        await timeline.DiagnosisAsync(encounter);
        var admission = await timeline.AdmitAsync(at.AddMinutes(-5), bed: null);
        var inpatient = (await timeline.Visits.EventuallyAsync($"admissionId={admission}", items => items.Count > 0)).Single().Id();
        var receptionist = timeline.Visits.Receptionist;

        var seen = await timeline.ReadAsync(client: receptionist);
        var doctor = await timeline.ReadAsync(client: timeline.Visits.Doctor);

        seen.Select(e => e.Key()).ShouldBe([$"appointment/{appointment}", $"encounter/{encounter}", $"admission/{seen[2].Id()}", $"encounter/{inpatient}"]);
        seen[1].GetProperty("title").GetString().ShouldBe("Encounter (ambulatory)");
        seen[3].GetProperty("title").GetString().ShouldBe("Encounter (inpatient)");
        seen.ShouldAllBe(e => !e.GetRawText().Contains("Cardiology"));
        seen[2].GetProperty("links").GetProperty("self").GetString().ShouldBe($"/api/v1/admissions/{admission}");
        doctor.Select(e => e.Kind()).ShouldBe(["appointment", "diagnosis", "note", "encounter", "vitals", "admission", "encounter"], ignoreOrder: true);
        doctor.Single(e => e.Id() == encounter).GetProperty("title").GetString().ShouldBe("Encounter (ambulatory): Cardiology follow-up");

        foreach (var clinical in new[] { "vitals", "note", "diagnosis", "encounter,note" })
        {
            var refused = await ProblemAssertions.ShouldBeProblemAsync(await receptionist.GetAsync($"{timeline.Url}?kind={clinical}"), HttpStatusCode.Forbidden);
            refused.GetProperty("detail").GetString()!.ShouldContain("clinical.read");
        }

        (await timeline.Visits.Clinic.As("Pharmacist").GetAsync(timeline.Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Records_entered_in_error_are_left_out_unless_asked_for_and_then_flagged()
    {
        var timeline = await Timelines.OpenAsync(app);
        var at = Timelines.Past(app);
        var standing = await timeline.EncounterAsync(at);
        var keptVitals = await timeline.VitalsAsync(at, standing);
        var mistakenVitals = await timeline.VitalsAsync(at.AddMinutes(1), standing);
        var mistakenDiagnosis = await timeline.DiagnosisAsync(standing);
        var wrongVisit = await timeline.EncounterAsync(at.AddMinutes(2));
        var noteOfWrongVisit = await timeline.NoteAsync(wrongVisit);
        var cancelledAdmission = await timeline.AdmitAsync(at.AddMinutes(3), bed: null);
        await timeline.PostAsync($"/api/v1/vitals/{mistakenVitals}/entered-in-error", new { reason = "Wrong patient" });
        await timeline.PostAsync($"/api/v1/diagnoses/{mistakenDiagnosis}/entered-in-error", new { reason = "Wrong patient" });
        await timeline.Visits.EventuallyAsync($"admissionId={cancelledAdmission}", items => items.Count > 0);
        await timeline.PostAsync($"/api/v1/admissions/{cancelledAdmission}/cancel", new { reason = "Wrong patient" });
        await Json.ReadAsync(await timeline.Visits.ActAsync(wrongVisit, "entered-in-error"), HttpStatusCode.OK);
        var inpatient = (await timeline.Visits.EventuallyAsync($"admissionId={cancelledAdmission}", items => items[0].Status() == "enteredInError")).Single().Id();

        var hidden = await timeline.ReadAsync();
        var shown = await timeline.ReadAsync("includeEnteredInError=true");

        hidden.Select(e => e.Key()).ShouldBe([$"encounter/{standing}", $"vitals/{keptVitals}"], ignoreOrder: true);
        var voided = shown.Where(e => e.EnteredInError()).Select(e => e.Key()).ToList();
        voided.ShouldBe(
            [$"vitals/{mistakenVitals}", $"diagnosis/{mistakenDiagnosis}", $"encounter/{wrongVisit}", $"note/{noteOfWrongVisit}", $"encounter/{inpatient}",
                $"admission/{shown.Single(e => e.Kind() == "admission").Id()}"],
            ignoreOrder: true);
        shown.Where(e => !e.EnteredInError()).Select(e => e.Key()).ShouldBe(hidden.Select(e => e.Key()));
        shown.Single(e => e.Kind() == "admission").Status().ShouldBe("cancelled");
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_the_patients_timeline()
    {
        var timeline = await HistoryAsync();

        await TenantIsolation.Between(timeline.Visits.Care, app.NewClinic().As("Admin,Doctor,Nurse"))
            .CoveringEvery(ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Clinical.Timeline.GetPatientTimeline).Namespace!))
            .Get(timeline.Url)
            .ShouldHoldAsync();
    }

    [Fact]
    public async Task Users_of_one_facility_see_none_of_another_facilitys_records_on_the_timeline()
    {
        var timeline = await HistoryAsync();
        var (elsewhere, department) = await timeline.Visits.DepartmentElsewhereAsync();
        var there = await timeline.EncounterAsync(Timelines.Past(app), department);
        var thereRecords = new[] { there, await timeline.VitalsAsync(Timelines.Past(app), there), await timeline.DiagnosisAsync(there), await timeline.NoteAsync(there) };
        var here = (await timeline.ReadAsync("kind=appointment,encounter,admission")).Where(e => e.Id() != there).ToList();
        var userThere = timeline.Visits.Clinic.AssignedTo("Admin,Doctor,Nurse", elsewhere);
        var userHere = timeline.Visits.Clinic.AssignedTo("Admin,Doctor,Nurse", await timeline.Visits.Clinic.Staff.FacilityAsync());

        var toThere = TenantIsolation.BetweenFacilities(timeline.Visits.Care, userThere);
        foreach (var entry in here)
        {
            toThere = toThere.ListWithout(timeline.Url, entry.GetProperty("links").GetProperty("self").GetString()!);
        }

        var toHere = TenantIsolation.BetweenFacilities(timeline.Visits.Care, userHere);
        foreach (var record in thereRecords)
        {
            toHere = toHere.ListWithout(timeline.Url, record);
        }

        here.Select(e => e.Kind()).Distinct().ShouldBe(["appointment", "encounter", "admission"], ignoreOrder: true);
        await toThere.ShouldHoldAsync();
        await toHere.ShouldHoldAsync();
        (await timeline.ReadAsync(client: userThere)).Select(e => e.Id()).ShouldBe(thereRecords, ignoreOrder: true);
    }

    /// <summary>A patient with an appointment, an encounter with vitals, a diagnosis and a note, and an admission in a ward, all in the clinic's facility.</summary>
    private async Task<Timelines> HistoryAsync()
    {
        var timeline = await Timelines.OpenAsync(app);
        var at = Timelines.Past(app, TimeSpan.FromHours(2));
        await timeline.AppointmentAsync();
        var encounter = await timeline.EncounterAsync(at);
        await timeline.VitalsAsync(at, encounter);
        await timeline.DiagnosisAsync(encounter);
        await timeline.NoteAsync(encounter);
        await timeline.AdmitAsync(at, await timeline.BedAsync(at));
        return timeline;
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class PatientTimelineTests_on_Postgres(ClinicalPostgresApp app) : PatientTimelineTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class PatientTimelineTests_on_Sqlite(ClinicalSqliteApp app) : PatientTimelineTests(app);
