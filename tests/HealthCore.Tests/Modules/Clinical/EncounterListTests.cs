using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

public abstract class EncounterListTests(ClinicalApp app)
{
    [Fact]
    public async Task Each_filter_finds_exactly_the_encounters_it_names()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var otherDepartment = await visits.Clinic.NewDepartmentAsync();
        var consultant = await visits.Clinic.NewPractitionerAsync();
        var early = app.Now.AddDays(-3);
        var plain = (await visits.CreatedAsync(new { patientId = patient })).Id();
        var emergency = (await visits.CreatedAsync(new { @class = "emergency", status = "arrived", arrivedAt = early })).Id();
        var elsewhere = (await visits.CreatedAsync(new
        {
            departmentId = otherDepartment, patientId = patient, participants = new[] { new { practitionerId = consultant, role = "consultant" } },
        })).Id();
        var mine = new[] { plain, emergency, elsewhere };

        async Task<List<Guid>> FoundAsync(string query) =>
            [.. (await visits.ListAsync(query)).Select(e => e.Id()).Where(mine.Contains)];

        (await FoundAsync($"patientId={patient}")).ShouldBe([plain, elsewhere], ignoreOrder: true);
        (await FoundAsync($"practitionerId={consultant}")).ShouldBe([elsewhere]);
        (await FoundAsync($"practitionerId={visits.Practitioner}")).ShouldBe([plain, emergency], ignoreOrder: true);
        (await FoundAsync($"departmentId={otherDepartment}")).ShouldBe([elsewhere]);
        (await FoundAsync($"departmentId={visits.Department}&status=arrived")).ShouldBe([emergency]);
        (await FoundAsync($"departmentId={visits.Department}&status=Planned")).ShouldBe([plain]);
        (await FoundAsync($"departmentId={visits.Department}&class=emergency")).ShouldBe([emergency]);
        (await FoundAsync($"departmentId={visits.Department}&to={Uri.EscapeDataString(early.AddMinutes(1).ToString("O"))}")).ShouldBe([emergency]);
        (await FoundAsync($"departmentId={visits.Department}&from={Uri.EscapeDataString(early.AddMinutes(1).ToString("O"))}")).ShouldBe([plain]);
    }

    [Fact]
    public async Task Paging_with_the_cursor_returns_every_encounter_once_in_order()
    {
        var visits = await Visits.OpenAsync(app);
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await visits.CreatedAsync()).Id());
        }

        var seen = new List<Guid>();
        var url = $"/api/v1/encounters?departmentId={visits.Department}&limit=2";
        var pages = 0;
        while (true)
        {
            var page = await Json.ReadAsync(await visits.Care.GetAsync(url), HttpStatusCode.OK);
            pages++;
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Id()));
            if (page.GetProperty("nextCursor").GetString() is not { } cursor)
            {
                break;
            }

            url = $"/api/v1/encounters?departmentId={visits.Department}&limit=2&cursor={Uri.EscapeDataString(cursor)}";
        }

        pages.ShouldBe(3);
        seen.ShouldBe(created);
        await ProblemAssertions.ShouldBeProblemAsync(await visits.Care.GetAsync("/api/v1/encounters?cursor=not-a-cursor"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("status=open", "status")]
    [InlineData("status=3", "status")]
    [InlineData("class=outpatient", "class")]
    [InlineData("from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z", "to")]
    [InlineData("limit=500", "limit")]
    public async Task A_bad_filter_answers_400_naming_it(string query, string field)
    {
        var visits = await Visits.OpenAsync(app);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await visits.Care.GetAsync($"/api/v1/encounters?{query}"), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class EncounterListTests_on_Postgres(ClinicalPostgresApp app) : EncounterListTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class EncounterListTests_on_Sqlite(ClinicalSqliteApp app) : EncounterListTests(app);
