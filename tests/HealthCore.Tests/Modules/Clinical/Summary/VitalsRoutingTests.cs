using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>Who a NEWS2 alert reaches when no attender can be, and where a set taken outside an encounter belongs.</summary>
public abstract class VitalsRoutingTests(ClinicalApp app)
{
    [Fact]
    public async Task Without_an_attender_with_a_user_the_alert_goes_to_the_physicians_and_nurses_of_the_encounters_department()
    {
        var visits = await Visits.OpenAsync(app);
        var physician = await visits.Clinic.Staff.NewUserAsync();
        var nurse = await visits.Clinic.Staff.NewUserAsync("Nurse");
        var technician = await visits.Clinic.Staff.NewUserAsync();
        var elsewhere = await visits.Clinic.Staff.NewUserAsync();
        await MemberAsync(visits, physician, "physician", visits.Department);
        await MemberAsync(visits, nurse, "nurse", visits.Department);
        await MemberAsync(visits, technician, "technician", visits.Department);
        await MemberAsync(visits, elsewhere, "physician", await visits.Clinic.NewDepartmentAsync());
        var encounter = await visits.InStatusAsync("arrived");

        var recorded = await Json.ReadAsync(
            await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", SummaryData.Deteriorating(app.Now)), HttpStatusCode.Created);

        (await Inbox.EventuallySingleAsync(visits, physician)).GetRawText().ShouldContain(recorded.Id().ToString());
        (await Inbox.EventuallySingleAsync(visits, nurse)).GetProperty("templateKey").GetString().ShouldBe("news2.alert");
        (await Inbox.OfAsync(visits, technician)).ShouldBeEmpty();
        (await Inbox.OfAsync(visits, elsewhere)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_attender_with_a_user_is_told_and_the_department_is_not()
    {
        var visits = await Visits.OpenAsync(app);
        var attending = await visits.Clinic.Staff.NewUserAsync();
        var colleague = await visits.Clinic.Staff.NewUserAsync();
        var practitioner = await MemberAsync(visits, attending, "physician", visits.Department);
        await MemberAsync(visits, colleague, "physician", visits.Department);
        var encounter = (await visits.CreatedAsync(new { status = "arrived", participants = new[] { new { practitionerId = practitioner, role = "attender" } } })).Id();

        await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", SummaryData.Deteriorating(app.Now)), HttpStatusCode.Created);

        await Inbox.EventuallySingleAsync(visits, attending);
        (await Inbox.OfAsync(visits, colleague)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_set_outside_an_encounter_takes_the_named_facility_or_the_recorders_only_one_and_is_hidden_from_other_facilities()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var url = $"/api/v1/patients/{patient}/vitals";
        var home = await visits.Clinic.Staff.FacilityAsync();
        var (other, _) = await visits.DepartmentElsewhereAsync();

        (await ProblemAssertions.ShouldBeProblemAsync(await visits.Nurse.PostAsJsonAsync(url, new { heartRate = 80 }), HttpStatusCode.BadRequest))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["facilityId"]);
        var named = await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(url, new { heartRate = 80, facilityId = home }), HttpStatusCode.Created);
        var onlyOne = await Json.ReadAsync(await visits.Clinic.AssignedTo("Nurse", other).PostAsJsonAsync(url, new { heartRate = 90 }), HttpStatusCode.Created);
        (await ProblemAssertions.ShouldBeProblemAsync(
            await visits.Clinic.AssignedTo("Nurse", other).PostAsJsonAsync(url, new { heartRate = 90, facilityId = home }), HttpStatusCode.BadRequest))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["facilityId"]);
        (await visits.Nurse.PostAsJsonAsync(url, new { heartRate = 90, facilityId = Guid.CreateVersion7() })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        named.GetProperty("facilityId").GetGuid().ShouldBe(home);
        onlyOne.GetProperty("facilityId").GetGuid().ShouldBe(other);
        var atHome = visits.Clinic.AssignedTo("Doctor", home);
        (await Json.ReadAsync(await atHome.GetAsync(url), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(v => v.Id()).ShouldBe([named.Id()]);
        (await atHome.GetAsync($"/api/v1/vitals/{onlyOne.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAssertions.ShouldBeProblemAsync(
            await visits.Nurse.PostAsJsonAsync($"/api/v1/vitals/{named.Id()}/correct", new { heartRate = 82, facilityId = other }), HttpStatusCode.BadRequest))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["facilityId"]);
        (await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/vitals/{named.Id()}/correct", new { heartRate = 82 }), HttpStatusCode.Created))
            .GetProperty("facilityId").GetGuid().ShouldBe(home);
    }

    [Fact]
    public async Task A_set_in_an_encounter_belongs_to_the_encounters_facility()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var (other, _) = await visits.DepartmentElsewhereAsync();
        var facility = (await visits.GetAsync(encounter)).GetProperty("facilityId").GetGuid();

        (await ProblemAssertions.ShouldBeProblemAsync(
            await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", new { heartRate = 80, facilityId = other }), HttpStatusCode.BadRequest))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["facilityId"]);
        (await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/vitals", new { heartRate = 80 }), HttpStatusCode.Created))
            .GetProperty("facilityId").GetGuid().ShouldBe(facility);
    }

    private static async Task<Guid> MemberAsync(Visits visits, Guid user, string role, Guid department) =>
        (await Json.ReadAsync(
            await visits.Clinic.Staff.PostAsJsonAsync("/api/v1/practitioners", new
            {
                name = new { family = "Member", given = new[] { "Dept" } }, role, userId = user, departments = new[] { new { departmentId = department } },
            }),
            HttpStatusCode.Created)).Id();
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class VitalsRoutingTests_on_Postgres(ClinicalPostgresApp app) : VitalsRoutingTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class VitalsRoutingTests_on_Sqlite(ClinicalSqliteApp app) : VitalsRoutingTests(app);
