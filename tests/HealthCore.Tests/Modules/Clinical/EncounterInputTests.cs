using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

public abstract class EncounterInputTests(ClinicalApp app)
{
    [Fact]
    public async Task An_arrived_encounter_opens_now_with_every_field_it_was_given()
    {
        var visits = await Visits.OpenAsync(app);

        var created = await visits.CreatedAsync(new { status = "arrived", priority = "urgent", @class = "virtual" });

        created.Status().ShouldBe("arrived");
        created.GetProperty("class").GetString().ShouldBe("virtual");
        created.GetProperty("priority").GetString().ShouldBe("urgent");
        created.GetProperty("facilityId").GetGuid().ShouldBe(await visits.Clinic.Staff.FacilityAsync());
        created.GetProperty("period").GetProperty("start").GetDateTimeOffset().ShouldBe(app.Now, TimeSpan.FromSeconds(5));
        var clinical = created.GetProperty("clinical");
        clinical.GetProperty("reason").GetProperty("text").GetString().ShouldBe("Palpitations");
        clinical.GetProperty("reason").GetProperty("codes")[0].GetProperty("code").GetString().ShouldBe("80313002");
        clinical.GetProperty("type").GetProperty("text").GetString().ShouldBe("Cardiology follow-up");
        // Only the GET summarises what the encounter recorded; a new one has recorded nothing.
        (await visits.GetAsync(created.Id())).GetRawText()
            .ShouldBe(created.GetRawText().Replace("\"summary\":null", "\"summary\":{\"vitals\":{\"count\":0,\"latest\":null},\"diagnoses\":[],\"notes\":[]}", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { """{"patientId":null}""", "patientId" },
        { """{"class":null}""", "class" },
        { """{"class":"outpatient"}""", "class" },
        { """{"departmentId":null}""", "departmentId" },
        { """{"status":"completed"}""", "status" },
        { """{"status":"arrived","plannedStartAt":"2027-01-01T09:00:00Z"}""", "plannedStartAt" },
        { """{"status":"planned","arrivedAt":"2027-01-01T09:00:00Z"}""", "arrivedAt" },
        { """{"status":"arrived","arrivedAt":"2199-01-01T09:00:00Z"}""", "arrivedAt" },
        { """{"appointmentId":"0195a0b2-0000-7000-8000-000000000001","admissionId":"0195a0b2-0000-7000-8000-000000000002"}""", "admissionId" },
        { """{"priority":"whenever"}""", "priority" },
        { """{"reason":{"codes":[]}}""", "reason.text" },
        { """{"participants":[{"practitionerId":"0195a0b2-0000-7000-8000-000000000001"}]}""", "participants[0].role" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_field_answers_400_naming_it(string overrides, string field)
    {
        var visits = await Visits.OpenAsync(app);
        var body = await visits.BodyAsync(JsonDocument.Parse(overrides).RootElement);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await visits.Care.PostAsJsonAsync("/api/v1/encounters", body), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(field, problem.ToString());
    }

    [Theory]
    [InlineData("patientId")]
    [InlineData("departmentId")]
    [InlineData("participants[0].practitionerId")]
    public async Task Naming_a_patient_department_or_practitioner_that_does_not_exist_answers_400_naming_it(string field)
    {
        var visits = await Visits.OpenAsync(app);
        var body = await visits.BodyAsync(field.StartsWith("participants", StringComparison.Ordinal)
            ? new { participants = new[] { new { practitionerId = Guid.NewGuid(), role = "attender" } } }
            : JsonSerializer.SerializeToElement(new Dictionary<string, Guid> { [field] = Guid.NewGuid() }));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await visits.Care.PostAsJsonAsync("/api/v1/encounters", body), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class EncounterInputTests_on_Postgres(ClinicalPostgresApp app) : EncounterInputTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class EncounterInputTests_on_Sqlite(ClinicalSqliteApp app) : EncounterInputTests(app);
