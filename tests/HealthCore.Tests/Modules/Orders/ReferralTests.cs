using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Orders;

/// <summary>Referrals: placed with a signed referral letter, answered by the receiving department or practitioner.</summary>
public abstract class ReferralTests(ClinicalApp app)
{
    private static readonly object Cardiology = new { system = "http://snomed.info/sct", code = "394579002", display = "Cardiology" };

    [Fact]
    public async Task A_referral_is_placed_only_with_its_letter_signed()
    {
        var desk = await Requisitions.OpenAsync(app);
        var department = await desk.Visits.Clinic.NewDepartmentAsync();
        var unsigned = await desk.LetterAsync(signed: false);
        var progress = await desk.LetterAsync(type: "progress");
        var referral = (await desk.DraftAsync(Referral(department))).Id();

        var noLetter = await ProblemAssertions.ShouldBeProblemAsync(await desk.ActAsync(referral, "place"), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await desk.PatchAsync(referral, $$"""{"referralLetterNoteId":"{{unsigned}}"}""", (await desk.GetAsync(referral)).ETag), HttpStatusCode.OK);
        var unsignedLetter = await ProblemAssertions.ShouldBeProblemAsync(await desk.ActAsync(referral, "place"), HttpStatusCode.UnprocessableEntity);
        var wrongType = await ProblemAssertions.ShouldBeProblemAsync(await desk.WriteAsync(Referral(department, progress)), HttpStatusCode.BadRequest);
        var twoItems = await ProblemAssertions.ShouldBeProblemAsync(
            await desk.WriteAsync(Json.Merge(Referral(department), new { items = new[] { Cardiology, Cardiology } })), HttpStatusCode.BadRequest);
        var nowhere = await ProblemAssertions.ShouldBeProblemAsync(
            await desk.WriteAsync(Json.Merge(Referral(department), new { performerDepartmentId = (Guid?)null })), HttpStatusCode.BadRequest);

        noLetter.GetProperty("errors").TryGetProperty("referralLetterNoteId", out _).ShouldBeTrue();
        unsignedLetter.GetProperty("errors").GetProperty("referralLetterNoteId")[0].GetString()!.ShouldContain("signed");
        wrongType.GetProperty("errors").GetProperty("referralLetterNoteId")[0].GetString()!.ShouldContain("referral letter");
        twoItems.GetProperty("errors").TryGetProperty("items", out _).ShouldBeTrue();
        nowhere.GetProperty("errors").TryGetProperty("performerDepartmentId", out _).ShouldBeTrue();
        (await desk.GetAsync(referral)).Order.Status().ShouldBe("draft");
        (await desk.EventsAsync(referral)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_member_of_the_receiving_department_accepts_into_an_appointment_and_completing_it_publishes_order_completed()
    {
        var desk = await Requisitions.OpenAsync(app);
        var department = await desk.Visits.Clinic.NewDepartmentAsync();
        var (_, member) = await desk.MemberOfAsync(department);
        var (_, outsider) = await desk.MemberOfAsync(await desk.Visits.Clinic.NewDepartmentAsync());
        var referral = await desk.DraftAsync(Referral(department, await desk.LetterAsync(), status: "active"));
        var appointment = Guid.CreateVersion7();

        var byOutsider = await desk.ActAsync(referral.Id(), "accept", outsider);
        var byRequester = await desk.ActAsync(referral.Id(), "accept", desk.Doctor);
        var accepted = await desk.ActedAsync(referral.Id(), "accept", member, new { appointmentId = appointment });
        var again = await ProblemAssertions.ShouldBeProblemAsync(await desk.ActAsync(referral.Id(), "accept", member), HttpStatusCode.Conflict);
        var start = await ProblemAssertions.ShouldBeProblemAsync(await desk.ItemAsync(accepted, 0, "start"), HttpStatusCode.Conflict);
        var completed = await desk.ItemActedAsync(accepted, 0, "complete", member);

        (await ProblemAssertions.ShouldBeProblemAsync(byOutsider, HttpStatusCode.Forbidden)).GetProperty("title").GetString()!.ShouldContain("receiving side");
        byRequester.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        accepted.Status().ShouldBe("inProgress");
        accepted.GetProperty("appointmentId").GetGuid().ShouldBe(appointment);
        accepted.GetProperty("referral").GetProperty("decision").GetString().ShouldBe("accepted");
        Requisitions.ItemStatus(accepted, 0).ShouldBe("inProgress");
        again.GetProperty("currentStatus").GetString().ShouldBe("inProgress");
        start.GetProperty("rule").GetString().ShouldBe("order-item-transition");
        completed.Status().ShouldBe("completed");
        (await desk.EventsAsync(referral.Id())).ShouldBe(["OrderPlaced", "OrderCompleted"]);
    }

    [Fact]
    public async Task The_practitioner_referred_to_declines_with_a_reason_and_order_cancelled_is_published()
    {
        var desk = await Requisitions.OpenAsync(app);
        var (practitioner, client) = await desk.MemberOfAsync(await desk.Visits.Clinic.NewDepartmentAsync());
        var body = Json.Merge(Referral(null, await desk.LetterAsync(), status: "active"), new { performerPractitionerId = practitioner });
        var referral = (await desk.DraftAsync(body)).Id();

        var noReason = await desk.ActAsync(referral, "decline", client, new { reason = " " });
        var declined = await desk.ActedAsync(referral, "decline", client, new { reason = "Needs an echocardiogram first" });

        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        declined.Status().ShouldBe("revoked");
        declined.GetProperty("statusReason").GetString().ShouldBe("Needs an echocardiogram first");
        declined.GetProperty("referral").GetProperty("decision").GetString().ShouldBe("declined");
        Requisitions.ItemStatus(declined, 0).ShouldBe("revoked");
        (await desk.EventsAsync(referral)).ShouldBe(["OrderPlaced", "OrderCancelled"]);
        (await ProblemAssertions.ShouldBeProblemAsync(await desk.ActAsync(referral, "accept", client), HttpStatusCode.Conflict))
            .GetProperty("currentStatus").GetString().ShouldBe("revoked");
    }

    [Fact]
    public async Task Only_referrals_are_accepted_or_declined_and_only_while_active()
    {
        var desk = await Requisitions.OpenAsync(app);
        var department = await desk.Visits.Clinic.NewDepartmentAsync();
        var (_, member) = await desk.MemberOfAsync(department);
        var lab = await desk.InStatusAsync("active");
        var draft = (await desk.DraftAsync(Referral(department, await desk.LetterAsync()))).Id();
        var unanswered = await desk.DraftAsync(Referral(department, await desk.LetterAsync(), status: "active"));

        (await ProblemAssertions.ShouldBeProblemAsync(await desk.ActAsync(lab.Id(), "accept", member), HttpStatusCode.Conflict))
            .GetProperty("rule").GetString().ShouldBe("not-a-referral");
        (await ProblemAssertions.ShouldBeProblemAsync(await desk.ActAsync(draft, "decline", member), HttpStatusCode.Conflict))
            .GetProperty("currentStatus").GetString().ShouldBe("draft");
        (await ProblemAssertions.ShouldBeProblemAsync(await desk.ItemAsync(unanswered, 0, "start", member), HttpStatusCode.Conflict))
            .GetProperty("rule").GetString().ShouldBe("referral-starts-by-acceptance");
    }

    private static object Referral(Guid? department, Guid? letter = null, string status = "draft") => new
    {
        category = "referral",
        status,
        items = new[] { Cardiology },
        performerDepartmentId = department,
        referralLetterNoteId = letter,
        specimenRequirements = (string?)null,
    };
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class ReferralTests_on_Postgres(ClinicalPostgresApp app) : ReferralTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class ReferralTests_on_Sqlite(ClinicalSqliteApp app) : ReferralTests(app);
