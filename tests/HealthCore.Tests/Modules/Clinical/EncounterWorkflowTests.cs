using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

public abstract class EncounterWorkflowTests(ClinicalApp app)
{
    /// <summary>Every legal step: from the status, the action, and where it leads.</summary>
    public static TheoryData<string, string, string> LegalSteps => new()
    {
        { "planned", "arrive", "arrived" },
        { "arrived", "triage", "triaged" },
        { "arrived", "start-consultation", "inConsultation" },
        { "triaged", "start-consultation", "inConsultation" },
        { "inConsultation", "close", "completed" },
        { "planned", "cancel", "cancelled" },
        { "arrived", "cancel", "cancelled" },
        { "triaged", "cancel", "cancelled" },
        { "planned", "entered-in-error", "enteredInError" },
        { "arrived", "entered-in-error", "enteredInError" },
        { "triaged", "entered-in-error", "enteredInError" },
        { "inConsultation", "entered-in-error", "enteredInError" },
        { "completed", "entered-in-error", "enteredInError" },
        { "cancelled", "entered-in-error", "enteredInError" },
    };

    public static TheoryData<string> Statuses => new() { "planned", "arrived", "triaged", "inConsultation", "completed", "cancelled", "enteredInError" };

    [Theory]
    [MemberData(nameof(LegalSteps))]
    public async Task A_legal_step_moves_the_encounter_and_is_recorded_with_its_actor_and_time(string from, string action, string to)
    {
        var visits = await Visits.OpenAsync(app);
        var id = await visits.InStatusAsync(from);
        var before = await visits.GetAsync(id);

        var after = await Json.ReadAsync(await visits.ActAsync(id, action, visits.Care), HttpStatusCode.OK);

        after.Status().ShouldBe(to);
        after.History().ShouldBe([.. before.History(), to]);
        var step = after.GetProperty("statusHistory").EnumerateArray().Last();
        step.GetProperty("from").GetString().ShouldBe(from);
        step.GetProperty("at").GetDateTimeOffset().ShouldBe(app.Now, TimeSpan.FromSeconds(5));
        step.GetProperty("actorId").ValueKind.ShouldBe(JsonValueKind.String);
        after.GetProperty("version").GetInt32().ShouldBe(before.GetProperty("version").GetInt32() + 1);
        (await visits.GetAsync(id)).Status().ShouldBe(to);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Every_step_the_status_does_not_allow_answers_409_naming_the_status_and_changes_nothing(string status)
    {
        var visits = await Visits.OpenAsync(app);
        var id = await visits.InStatusAsync(status);
        var before = await visits.GetAsync(id);
        var illegal = Visits.Actions.Where(action => !LegalSteps.Any(row => (string)row[0] == status && (string)row[1] == action)).ToList();
        illegal.ShouldNotBeEmpty();

        foreach (var action in illegal)
        {
            var problem = await ProblemAssertions.ShouldBeProblemAsync(await visits.ActAsync(id, action), HttpStatusCode.Conflict);
            problem.GetProperty("currentStatus").GetString().ShouldBe(status, action);
            problem.GetProperty("title").GetString().ShouldBe($"The encounter is {status}.");
        }

        (await visits.GetAsync(id)).GetRawText().ShouldBe(before.GetRawText());
    }

    [Fact]
    public async Task The_outpatient_visit_runs_from_planned_to_completed_with_its_period_and_events()
    {
        var visits = await Visits.OpenAsync(app);
        var planned = await visits.CreatedAsync(new { plannedStartAt = app.Now.AddHours(1) });
        var id = planned.Id();
        planned.GetProperty("period").GetProperty("start").ValueKind.ShouldBe(JsonValueKind.Null);

        var arrived = await Json.ReadAsync(await visits.ActAsync(id, "arrive", visits.Receptionist), HttpStatusCode.OK);
        await Json.ReadAsync(await visits.ActAsync(id, "triage", visits.Nurse), HttpStatusCode.OK);
        await Json.ReadAsync(await visits.ActAsync(id, "start-consultation", visits.Doctor), HttpStatusCode.OK);
        var closed = await Json.ReadAsync(await visits.ActAsync(id, "close", visits.Doctor), HttpStatusCode.OK);

        arrived.GetProperty("period").GetProperty("start").GetDateTimeOffset().ShouldBe(app.Now, TimeSpan.FromSeconds(5));
        closed.GetProperty("period").GetProperty("end").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(arrived.GetProperty("period").GetProperty("start").GetDateTimeOffset());
        closed.History().ShouldBe(["planned", "arrived", "triaged", "inConsultation", "completed"]);
        closed.GetProperty("statusHistory").EnumerateArray().Select(c => c.GetProperty("actorId").ValueKind == JsonValueKind.String ? c.GetProperty("actorId").GetGuid() : Guid.Empty)
            .Skip(2).ShouldBe([visits.NurseUser, visits.DoctorUser, visits.DoctorUser]);
        var events = await app.OutboxAsync(id);
        events.Select(e => e.Type).ShouldBe(["EncounterStarted", "EncounterClosed"]);
        events[1].Payload.GetProperty("attendingPractitionerIds").EnumerateArray().Single().GetGuid().ShouldBe(visits.Practitioner);
        events[1].Payload.GetProperty("requirementsOverridden").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Cancelling_and_entering_in_error_publish_EncounterCancelled_with_the_status()
    {
        var visits = await Visits.OpenAsync(app);
        var cancelled = await visits.InStatusAsync("cancelled");
        var completed = await visits.InStatusAsync("completed");
        await Json.ReadAsync(await visits.ActAsync(completed, "entered-in-error"), HttpStatusCode.OK);

        (await app.OutboxAsync(cancelled)).Select(e => e.Type).ShouldBe(["EncounterCancelled"]);
        var corrected = await app.OutboxAsync(completed);
        corrected.Select(e => e.Type).ShouldBe(["EncounterStarted", "EncounterClosed", "EncounterCancelled"]);
        corrected[2].Payload.GetProperty("status").GetString().ShouldBe("enteredInError");
        corrected[2].Payload.GetProperty("wasClosed").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_stale_If_Match_on_a_step_answers_412_and_the_current_one_is_accepted()
    {
        var visits = await Visits.OpenAsync(app);
        var id = await visits.InStatusAsync("planned");
        var etag = (await visits.Care.GetAsync($"/api/v1/encounters/{id}")).Headers.ETag!;
        await Json.ReadAsync(await visits.ActAsync(id, "arrive"), HttpStatusCode.OK);

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/encounters/{id}/triage") { Content = JsonContent.Create(new { }) };
        stale.Headers.IfMatch.Add(etag);
        await ProblemAssertions.ShouldBeProblemAsync(await visits.Care.SendAsync(stale), HttpStatusCode.PreconditionFailed);
        var current = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/encounters/{id}/triage") { Content = JsonContent.Create(new { }) };
        current.Headers.IfMatch.Add((await visits.Care.GetAsync($"/api/v1/encounters/{id}")).Headers.ETag!);
        (await Json.ReadAsync(await visits.Care.SendAsync(current), HttpStatusCode.OK)).Status().ShouldBe("triaged");
    }

    [Fact]
    public async Task A_repeated_step_with_the_same_Idempotency_Key_answers_as_the_first_time()
    {
        var visits = await Visits.OpenAsync(app);
        var id = await visits.InStatusAsync("planned");
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> ArriveAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/encounters/{id}/arrive") { Content = JsonContent.Create(new { }) };
            request.Headers.Add("Idempotency-Key", key);
            return await visits.Care.SendAsync(request);
        }

        var first = await Json.ReadAsync(await ArriveAsync(), HttpStatusCode.OK);
        var again = await Json.ReadAsync(await ArriveAsync(), HttpStatusCode.OK);

        again.GetRawText().ShouldBe(first.GetRawText());
        (await visits.GetAsync(id)).History().ShouldBe(["planned", "arrived"]);
    }

    [Fact]
    public async Task Cancelling_needs_a_reason_and_keeps_it_in_the_history()
    {
        var visits = await Visits.OpenAsync(app);
        var id = await visits.InStatusAsync("arrived");

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await visits.ActAsync(id, "cancel", body: new { }), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue(problem.ToString());
        var cancelled = await Json.ReadAsync(await visits.ActAsync(id, "cancel", body: new { reason = "Patient left before being seen" }), HttpStatusCode.OK);

        cancelled.GetProperty("statusHistory").EnumerateArray().Last().GetProperty("reason").GetString().ShouldBe("Patient left before being seen");
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class EncounterWorkflowTests_on_Postgres(ClinicalPostgresApp app) : EncounterWorkflowTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class EncounterWorkflowTests_on_Sqlite(ClinicalSqliteApp app) : EncounterWorkflowTests(app);
