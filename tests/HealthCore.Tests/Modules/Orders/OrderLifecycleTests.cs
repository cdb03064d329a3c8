using System.Text.Json;
using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Orders;

/// <summary>The order and item state machines, the events they publish, and what a placed order refuses.</summary>
public abstract class OrderLifecycleTests(ClinicalApp app)
{
    private static readonly string[] Statuses = ["draft", "active", "onHold", "inProgress", "completed", "revoked", "enteredInError"];

    // The order's own actions and the status each leads to from the statuses it is allowed in.
    private static readonly Dictionary<string, (string[] From, string To)> Allowed = new()
    {
        ["place"] = (["draft"], "active"),
        ["hold"] = (["active"], "onHold"),
        ["resume"] = (["onHold"], "active"),
        ["cancel"] = (["draft", "active", "onHold"], "revoked"),
        ["entered-in-error"] = (["draft", "active", "onHold", "inProgress", "completed", "revoked"], "enteredInError"),
    };

    [Fact]
    public async Task Writing_an_order_makes_a_draft_requested_by_the_practitioner_linked_to_the_user_and_publishes_nothing()
    {
        var desk = await Requisitions.OpenAsync(app);

        var response = await desk.WriteAsync();
        var order = await Json.ReadAsync(response, HttpStatusCode.Created);

        response.Headers.ETag!.Tag.ShouldBe("\"0\"");
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/orders/{order.Id()}");
        order.Status().ShouldBe("draft");
        order.GetProperty("intent").GetString().ShouldBe("order");
        order.GetProperty("category").GetString().ShouldBe("laboratory");
        order.GetProperty("priority").GetString().ShouldBe("urgent");
        order.GetProperty("encounterId").GetGuid().ShouldBe(desk.Encounter);
        order.GetProperty("requesterId").GetGuid().ShouldBe(desk.Requester);
        order.GetProperty("enteredBy").GetGuid().ShouldBe(desk.DoctorUser);
        order.GetProperty("performerDepartmentId").GetGuid().ShouldBe(desk.Laboratory);
        order.GetProperty("reason").GetProperty("text").GetString().ShouldBe("On furosemide, weak");
        order.GetProperty("specimenRequirements").GetString().ShouldBe("Serum, no haemolysis");
        order.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("sequence").GetInt32(), i.GetProperty("code").GetString(), i.Status()))
            .ShouldBe([(1, "2823-3", "draft"), (2, "2951-2", "draft")]);
        (await desk.EventsAsync(order.Id())).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_order_goes_from_draft_to_completed_through_its_items_and_publishes_placed_and_completed_once_each()
    {
        var desk = await Requisitions.OpenAsync(app);
        var id = (await desk.DraftAsync()).Id();

        var placed = await desk.ActedAsync(id, "place");
        var held = await desk.ActedAsync(id, "hold");
        var resumed = await desk.ActedAsync(id, "resume");
        var started = await desk.ItemActedAsync(resumed, 0, "start");
        var firstDone = await desk.ItemActedAsync(started, 0, "complete");
        var secondStarted = await desk.ItemActedAsync(firstDone, 1, "start");
        var completed = await desk.ItemActedAsync(secondStarted, 1, "complete");

        placed.Status().ShouldBe("active");
        placed.GetProperty("placedBy").GetGuid().ShouldBe(desk.DoctorUser);
        Requisitions.ItemStatus(placed, 0).ShouldBe("active");
        held.Status().ShouldBe("onHold");
        resumed.Status().ShouldBe("active");
        started.Status().ShouldBe("inProgress");
        (Requisitions.ItemStatus(started, 0), Requisitions.ItemStatus(started, 1)).ShouldBe(("inProgress", "active"));
        firstDone.Status().ShouldBe("inProgress");
        completed.Status().ShouldBe("completed");
        completed.GetProperty("version").GetInt32().ShouldBe(7);
        var events = await app.OutboxAsync(id, "orders");
        events.Select(e => e.Type).ShouldBe(["OrderPlaced", "OrderCompleted"]);
        events[0].Payload.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ShouldBe(["2823-3", "2951-2"]);
        events[1].Payload.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()).ShouldBe(["completed", "completed"]);
    }

    [Fact]
    public async Task Every_order_action_is_taken_only_from_the_statuses_it_allows_and_otherwise_answers_409_naming_the_current_status()
    {
        var desk = await Requisitions.OpenAsync(app);

        foreach (var status in Statuses)
        {
            foreach (var (action, (from, to)) in Allowed)
            {
                var order = await desk.InStatusAsync(status);
                order.Status().ShouldBe(status);
                var response = await desk.ActAsync(order.Id(), action);
                if (from.Contains(status))
                {
                    (await Json.ReadAsync(response, HttpStatusCode.OK)).Status().ShouldBe(to, $"{action} from {status}");
                }
                else
                {
                    var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict);
                    problem.GetProperty("currentStatus").GetString().ShouldBe(status, $"{action} from {status}");
                    problem.GetProperty("rule").GetString().ShouldBe("order-transition");
                    (await desk.GetAsync(order.Id())).Order.Status().ShouldBe(status);
                }
            }
        }
    }

    [Fact]
    public async Task Item_steps_out_of_order_answer_409_naming_the_item_or_the_order_status()
    {
        var desk = await Requisitions.OpenAsync(app);
        var draft = await desk.DraftAsync();
        var held = await desk.InStatusAsync("onHold");
        var active = await desk.InStatusAsync("active");
        var completed = await desk.InStatusAsync("completed");

        async Task<(string? Rule, string? Status)> ConflictAsync(JsonElement order, int index, string action)
        {
            var problem = await ProblemAssertions.ShouldBeProblemAsync(await desk.ItemAsync(order, index, action, desk.Visits.Care), HttpStatusCode.Conflict);
            return (problem.GetProperty("rule").GetString(), problem.GetProperty("currentStatus").GetString());
        }

        (await ConflictAsync(draft, 0, "start")).ShouldBe(("order-not-workable", "draft"));
        (await ConflictAsync(held, 0, "start")).ShouldBe(("order-not-workable", "onHold"));
        (await ConflictAsync(active, 0, "complete")).ShouldBe(("order-item-transition", "active"));
        (await ConflictAsync(completed, 0, "start")).ShouldBe(("order-not-workable", "completed"));
        var started = await desk.ItemActedAsync(active, 0, "start");
        (await ConflictAsync(started, 0, "start")).ShouldBe(("order-item-transition", "inProgress"));
        var cancelled = await desk.ItemActedAsync(started, 1, "cancel", desk.Doctor);
        (await ConflictAsync(cancelled, 1, "start")).ShouldBe(("order-item-transition", "revoked"));
        (await ConflictAsync(cancelled, 1, "cancel")).ShouldBe(("order-item-transition", "revoked"));
        Requisitions.ItemStatus(cancelled, 1).ShouldBe("revoked");
        cancelled.GetProperty("items")[1].GetProperty("statusReason").GetString().ShouldBe("Not needed any more");
        (await desk.Performer.PostAsJsonAsync($"/api/v1/orders/{active.Id()}/items/{Guid.CreateVersion7()}/start", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // An item of an order on hold may still be cancelled; the order then ends as nothing is left.
        var heldItemCancelled = await desk.ItemActedAsync(held, 0, "cancel", desk.Doctor);
        heldItemCancelled.Status().ShouldBe("onHold");
        (await desk.ItemActedAsync(heldItemCancelled, 1, "cancel", desk.Doctor)).Status().ShouldBe("revoked");
        (await desk.EventsAsync(held.Id())).ShouldBe(["OrderPlaced", "OrderCancelled"]);
    }

    [Fact]
    public async Task Cancelling_revokes_every_item_with_the_reason_and_only_a_placed_order_publishes_order_cancelled()
    {
        var desk = await Requisitions.OpenAsync(app);
        var draft = (await desk.DraftAsync()).Id();
        var placed = (await desk.InStatusAsync("active")).Id();

        var noReason = await desk.ActAsync(placed, "cancel", body: new { reason = "" });
        var cancelledDraft = await desk.ActedAsync(draft, "cancel");
        var cancelled = await desk.ActedAsync(placed, "cancel", body: new { reason = "Duplicate of yesterday's order" });

        (await ProblemAssertions.ShouldBeProblemAsync(noReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        cancelled.Status().ShouldBe("revoked");
        cancelled.GetProperty("statusReason").GetString().ShouldBe("Duplicate of yesterday's order");
        cancelled.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("status").GetString() == "revoked");
        cancelledDraft.Status().ShouldBe("revoked");
        (await desk.EventsAsync(draft)).ShouldBeEmpty();
        var events = await app.OutboxAsync(placed, "orders");
        events.Select(e => e.Type).ShouldBe(["OrderPlaced", "OrderCancelled"]);
        events[1].Payload.GetProperty("reason").GetString().ShouldBe("Duplicate of yesterday's order");
        events[1].Payload.GetProperty("status").GetString().ShouldBe("revoked");
    }

    [Fact]
    public async Task Entering_a_completed_order_in_error_tells_billing_it_was_completed()
    {
        var desk = await Requisitions.OpenAsync(app);
        var order = (await desk.InStatusAsync("completed")).Id();

        var voided = await desk.ActedAsync(order, "entered-in-error", body: new { reason = "Results belonged to another patient" });

        voided.Status().ShouldBe("enteredInError");
        voided.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("status").GetString() == "enteredInError");
        var events = await app.OutboxAsync(order, "orders");
        events.Select(e => e.Type).ShouldBe(["OrderPlaced", "OrderCompleted", "OrderCancelled"]);
        events[2].Payload.GetProperty("wasCompleted").GetBoolean().ShouldBeTrue();
        events[2].Payload.GetProperty("status").GetString().ShouldBe("enteredInError");
    }

    [Fact]
    public async Task Eight_concurrent_places_place_the_order_once_and_publish_one_order_placed()
    {
        var desk = await Requisitions.OpenAsync(app);
        var order = (await desk.DraftAsync()).Id();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => desk.ActAsync(order, "place")));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Where(r => r.StatusCode != HttpStatusCode.OK).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Conflict);
        (await desk.EventsAsync(order)).ShouldBe(["OrderPlaced"]);
    }

    [Fact]
    public async Task Writing_an_order_placed_at_once_publishes_order_placed_and_a_retry_with_the_idempotency_key_replays_it()
    {
        var desk = await Requisitions.OpenAsync(app);
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(desk.Body(new { status = "active" })) };
            request.Headers.Add("Idempotency-Key", $"order-{desk.Encounter}");
            return request;
        }

        var first = await Json.ReadAsync(await desk.Doctor.SendAsync(Request()), HttpStatusCode.Created);
        var retry = await desk.Doctor.SendAsync(Request());

        first.Status().ShouldBe("active");
        (await Json.ReadAsync(retry, HttpStatusCode.Created)).Id().ShouldBe(first.Id());
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await desk.ListAsync($"encounterId={desk.Encounter}")).Select(o => o.Id()).ShouldBe([first.Id()]);
        (await desk.EventsAsync(first.Id())).ShouldBe(["OrderPlaced"]);
    }

    [Fact]
    public async Task A_draft_is_edited_with_if_match_by_its_requester_side_and_a_placed_order_never()
    {
        var desk = await Requisitions.OpenAsync(app);
        var draft = (await desk.DraftAsync()).Id();
        var otherDoctor = desk.Visits.Clinic.As("Doctor");
        var (_, etag) = await desk.GetAsync(draft);

        var withoutIfMatch = await desk.Doctor.PatchAsync(
            $"/api/v1/orders/{draft}", new StringContent("""{"priority":"stat"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"));
        var stranger = await desk.PatchAsync(draft, """{"priority":"stat"}""", etag, otherDoctor);
        var encounter = await desk.PatchAsync(draft, $$"""{"encounterId":"{{Guid.CreateVersion7()}}"}""", etag);
        var patched = await desk.PatchAsync(draft, """{"priority":"stat","items":[{"system":"http://loinc.org","code":"2160-0","display":"Creatinine"}],"note":null}""", etag);
        var stale = await desk.PatchAsync(draft, """{"priority":"routine"}""", etag);

        withoutIfMatch.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        stranger.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProblemAssertions.ShouldBeProblemAsync(encounter, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("encounterId", out _).ShouldBeTrue();
        var body = await Json.ReadAsync(patched, HttpStatusCode.OK);
        body.GetProperty("priority").GetString().ShouldBe("stat");
        body.GetProperty("note").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("sequence").GetInt32(), i.GetProperty("code").GetString())).ShouldBe([(1, "2160-0")]);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        // The nurse who wrote an order for the doctor is on its requester side too.
        var nurseDraft = (await desk.DraftAsync(new { requesterId = desk.Requester }, desk.Visits.Nurse)).Id();
        (await Json.ReadAsync(await desk.PatchAsync(nurseDraft, """{"priority":"asap"}""", (await desk.GetAsync(nurseDraft)).ETag, desk.Visits.Nurse), HttpStatusCode.OK))
            .GetProperty("priority").GetString().ShouldBe("asap");

        var placed = (await desk.ActedAsync(draft, "place")).Id();
        var edit = await desk.PatchAsync(placed, """{"priority":"routine"}""", (await desk.GetAsync(placed)).ETag);
        var problem = await ProblemAssertions.ShouldBeProblemAsync(edit, HttpStatusCode.Conflict);
        problem.GetProperty("currentStatus").GetString().ShouldBe("active");
        problem.GetProperty("rule").GetString().ShouldBe("placed-order-is-not-edited");
        (await desk.GetAsync(placed)).Order.GetProperty("priority").GetString().ShouldBe("stat");
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class OrderLifecycleTests_on_Postgres(ClinicalPostgresApp app) : OrderLifecycleTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class OrderLifecycleTests_on_Sqlite(ClinicalSqliteApp app) : OrderLifecycleTests(app);
