using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>Closing checks the department's encounter.close.requires rule; a Doctor may override where encounter.close.allow-override is true.</summary>
public abstract class CloseGateTests(ClinicalApp app)
{
    [Fact]
    public async Task Closing_against_unmet_requirements_answers_422_listing_every_one_and_leaves_the_encounter_open()
    {
        var visits = await Visits.OpenAsync(app);
        await visits.RuleAsync("encounter.close.requires", new[] { "participant.attender", "diagnosis", "vitals", "note.signed" });
        var id = await visits.InStatusAsync("inConsultation", new { participants = new[] { new { practitionerId = visits.Practitioner, role = "consultant" } } });

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await visits.ActAsync(id, "close", visits.Doctor), HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("requirement").GetString())
            .ShouldBe(["participant.attender", "diagnosis", "vitals", "note.signed"]);
        problem.GetProperty("unmet").EnumerateArray().ShouldAllBe(u => u.GetProperty("reason").GetString()!.Length > 10);
        problem.GetProperty("overrideAllowed").GetBoolean().ShouldBeFalse();
        (await visits.GetAsync(id)).Status().ShouldBe("inConsultation");
    }

    [Fact]
    public async Task A_met_requirement_is_not_listed_and_an_encounter_meeting_all_of_them_closes()
    {
        var visits = await Visits.OpenAsync(app);
        await visits.RuleAsync("encounter.close.requires", new[] { "participant.attender", "vitals" });
        var id = await visits.InStatusAsync("inConsultation");

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await visits.ActAsync(id, "close", visits.Doctor), HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("requirement").GetString()).ShouldBe(["vitals"]);

        await visits.RuleAsync("encounter.close.requires", new[] { "participant.attender" });
        (await Json.ReadAsync(await visits.ActAsync(id, "close", visits.Doctor), HttpStatusCode.OK)).Status().ShouldBe("completed");
    }

    [Fact]
    public async Task A_malformed_requires_rule_fails_the_gate_closed()
    {
        var visits = await Visits.OpenAsync(app);
        await visits.RuleAsync("encounter.close.requires", new { diagnosis = true });
        var id = await visits.InStatusAsync("inConsultation");

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await visits.ActAsync(id, "close", visits.Doctor), HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("unmet")[0].GetProperty("requirement").GetString().ShouldBe("encounter.close.requires");
    }

    [Fact]
    public async Task A_doctor_overrides_unmet_requirements_with_a_reason_where_the_department_allows_it_and_the_override_is_audited()
    {
        var visits = await Visits.OpenAsync(app);
        await visits.RuleAsync("encounter.close.requires", new[] { "diagnosis", "note.signed" });
        await visits.RuleAsync("encounter.close.allow-override", true);
        var id = await visits.InStatusAsync("inConsultation");

        var closed = await Json.ReadAsync(
            await visits.ActAsync(id, "close", visits.Doctor, new { @override = new { reason = "Patient transferred urgently; notes follow" } }), HttpStatusCode.OK);

        closed.Status().ShouldBe("completed");
        var step = closed.GetProperty("statusHistory").EnumerateArray().Last();
        step.GetProperty("reason").GetString().ShouldBe("Patient transferred urgently; notes follow");
        step.GetProperty("overriddenRequirements").EnumerateArray().Select(r => r.GetString()).ShouldBe(["diagnosis", "note.signed"]);
        var audit = await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={id}&action=close-override"), HttpStatusCode.OK);
        var record = audit.GetProperty("items").EnumerateArray().Single();
        record.GetProperty("reason").GetString().ShouldBe("Patient transferred urgently; notes follow");
        record.GetProperty("actorId").GetGuid().ShouldBe(visits.DoctorUser);
        (await app.OutboxAsync(id)).Last().Payload.GetProperty("requirementsOverridden").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task An_override_where_the_department_does_not_allow_it_answers_422()
    {
        var visits = await Visits.OpenAsync(app);
        await visits.RuleAsync("encounter.close.requires", new[] { "diagnosis" });
        var id = await visits.InStatusAsync("inConsultation");

        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            await visits.ActAsync(id, "close", visits.Doctor, new { @override = new { reason = "Because" } }), HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("title").GetString().ShouldBe("The department does not allow overriding its close requirements.");
        (await visits.GetAsync(id)).Status().ShouldBe("inConsultation");
    }

    [Theory]
    [InlineData("Nurse")]
    [InlineData("Receptionist")]
    [InlineData("Admin")]
    public async Task Only_a_doctor_closes_with_or_without_an_override(string role)
    {
        var visits = await Visits.OpenAsync(app);
        await visits.RuleAsync("encounter.close.allow-override", true);
        var id = await visits.InStatusAsync("inConsultation");
        var client = visits.Clinic.As(role);

        (await visits.ActAsync(id, "close", client)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.ActAsync(id, "close", client, new { @override = new { reason = "Because" } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.GetAsync(id)).Status().ShouldBe("inConsultation");
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class CloseGateTests_on_Postgres(ClinicalPostgresApp app) : CloseGateTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class CloseGateTests_on_Sqlite(ClinicalSqliteApp app) : CloseGateTests(app);
