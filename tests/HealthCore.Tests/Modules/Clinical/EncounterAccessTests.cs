using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>Who may do what with encounters, and what each sees; tenant and facility isolation of every endpoint.</summary>
public abstract class EncounterAccessTests(ClinicalApp app)
{
    [Fact]
    public async Task A_receptionist_sees_status_and_logistics_but_no_clinical_content_and_records_arrivals_only()
    {
        var visits = await Visits.OpenAsync(app);
        var id = await visits.InStatusAsync("planned");

        var arrived = await Json.ReadAsync(await visits.ActAsync(id, "arrive", visits.Receptionist), HttpStatusCode.OK);
        var seen = await visits.GetAsync(id, visits.Receptionist);
        var cancelled = await visits.InStatusAsync("cancelled");

        foreach (var view in new[] { arrived, seen, await visits.GetAsync(cancelled, visits.Receptionist) })
        {
            view.GetProperty("clinical").ValueKind.ShouldBe(JsonValueKind.Null);
            view.GetProperty("statusHistory").EnumerateArray().ShouldAllBe(c => c.GetProperty("reason").ValueKind == JsonValueKind.Null);
            view.GetRawText().ShouldNotContain("Palpitations");
            view.GetRawText().ShouldNotContain("wrong patient");
        }

        seen.Status().ShouldBe("arrived");
        seen.GetProperty("participants")[0].GetProperty("practitionerId").GetGuid().ShouldBe(visits.Practitioner);
        (await visits.ListAsync($"departmentId={visits.Department}", visits.Receptionist)).Select(e => e.Id()).ShouldContain(id);
        (await visits.ActAsync(id, "triage", visits.Receptionist)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.Receptionist.PostAsJsonAsync("/api/v1/encounters", await visits.BodyAsync())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.GetAsync(id, visits.Doctor)).GetProperty("clinical").GetProperty("reason").GetProperty("text").GetString().ShouldBe("Palpitations");
        (await visits.GetAsync(cancelled, visits.Nurse)).GetProperty("statusHistory")[1].GetProperty("reason").GetString().ShouldBe("Booked for the wrong patient");
    }

    [Fact]
    public async Task Reading_an_encounter_is_an_audited_read_and_every_write_is_audited()
    {
        var visits = await Visits.OpenAsync(app);
        var id = await visits.InStatusAsync("arrived");

        await visits.GetAsync(id, visits.Doctor);

        var audit = await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={id}"), HttpStatusCode.OK);
        var records = audit.GetProperty("items").EnumerateArray().ToList();
        records.ShouldContain(r => r.GetProperty("action").GetString() == "read" && r.GetProperty("actorId").GetGuid() == visits.DoctorUser);
        records.Count(r => r.GetProperty("action").GetString() != "read" && r.GetProperty("entityType").GetString() == "Encounter").ShouldBe(2);
    }

    [Theory]
    [InlineData("Pharmacist")]
    [InlineData("LabTechnician")]
    [InlineData("Auditor")]
    public async Task Roles_without_encounters_read_cannot_see_encounters(string role)
    {
        var visits = await Visits.OpenAsync(app);
        var id = await visits.InStatusAsync("planned");
        var client = visits.Clinic.As(role);

        (await client.GetAsync($"/api/v1/encounters/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/encounters")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_tenant_gets_404_from_every_encounter_endpoint_changes_nothing_and_lists_none_of_it() =>
        await EveryEndpointHoldsAsync(visits => Task.FromResult(TenantIsolation.Between(visits.Care, app.NewClinic().As("Admin,Doctor,Nurse"))));

    [Fact]
    public async Task A_user_of_another_facility_gets_404_from_every_encounter_endpoint_changes_nothing_and_lists_none_of_it() =>
        await EveryEndpointHoldsAsync(async visits =>
            TenantIsolation.BetweenFacilities(visits.Care, visits.Clinic.AssignedTo("Admin,Doctor,Nurse", (await visits.DepartmentElsewhereAsync()).Facility)));

    [Fact]
    public async Task A_user_of_one_facility_opens_encounters_in_its_departments_only_and_sees_only_those()
    {
        var visits = await Visits.OpenAsync(app);
        var (facility, department) = await visits.DepartmentElsewhereAsync();
        var there = visits.Clinic.AssignedTo("Doctor,Nurse", facility);
        var here = (await visits.CreatedAsync()).Id();

        var refused = await there.PostAsJsonAsync("/api/v1/encounters", await visits.BodyAsync());
        var opened = await visits.CreatedAsync(new { departmentId = department }, there);

        (await ProblemAssertions.ShouldBeProblemAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("departmentId", out _).ShouldBeTrue();
        opened.GetProperty("facilityId").GetGuid().ShouldBe(facility);
        (await visits.ListAsync("limit=200", there)).Select(e => e.Id()).ShouldBe([opened.Id()]);
        (await visits.ListAsync("limit=200")).Select(e => e.Id()).ShouldBe([here, opened.Id()], ignoreOrder: true);
    }

    private async Task EveryEndpointHoldsAsync(Func<Visits, Task<TenantIsolation>> isolation)
    {
        var visits = await Visits.OpenAsync(app);
        var planned = await visits.InStatusAsync("planned");
        var consulting = await visits.InStatusAsync("inConsultation");
        var patient = (await visits.GetAsync(planned)).GetProperty("patientId").GetGuid();

        await (await isolation(visits))
            .CoveringEvery(
                // Diagnoses and the code list, allergies and problems, and assessments (their forms are every tenant's) have their own
                // isolation tests (DiagnosisTests, ProblemTests, AssessmentTests).
                ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Clinical.ClinicalDb).Namespace!)
                    .Where(e => !Diagnoses.IsDiagnosisEndpoint(e) && !Problems.IsListEndpoint(e) && !Assessments.IsAssessmentEndpoint(e)),
                // Opening names the patient and department in the body: a 400 naming the field (EncounterInputTests, the facility test above).
                "POST /api/v1/encounters/",
                // Vitals have their own isolation tests (VitalsTests).
                "POST /api/v1/patients/{id:guid}/vitals", "GET /api/v1/patients/{id:guid}/vitals", "POST /api/v1/encounters/{id:guid}/vitals",
                "GET /api/v1/encounters/{id:guid}/vitals", "GET /api/v1/vitals/{id:guid}", "POST /api/v1/vitals/{id:guid}/correct",
                "POST /api/v1/vitals/{id:guid}/entered-in-error")
            .Watching($"/api/v1/encounters/{planned}", $"/api/v1/encounters/{consulting}")
            .Get($"/api/v1/encounters/{planned}")
            .Post($"/api/v1/encounters/{planned}/arrive")
            .Post($"/api/v1/encounters/{planned}/triage")
            .Post($"/api/v1/encounters/{planned}/start-consultation")
            .Post($"/api/v1/encounters/{consulting}/close", new { @override = new { reason = "x" } })
            .Post($"/api/v1/encounters/{planned}/cancel", new { reason = "x" })
            .Post($"/api/v1/encounters/{consulting}/entered-in-error", new { reason = "x" })
            .ListWithout("/api/v1/encounters", planned)
            .ListWithout($"/api/v1/encounters?patientId={patient}", planned)
            .ListWithout($"/api/v1/encounters?departmentId={visits.Department}", consulting)
            .ListWithout($"/api/v1/encounters?practitionerId={visits.Practitioner}", consulting)
            .ShouldHoldAsync();
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class EncounterAccessTests_on_Postgres(ClinicalPostgresApp app) : EncounterAccessTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class EncounterAccessTests_on_Sqlite(ClinicalSqliteApp app) : EncounterAccessTests(app);
