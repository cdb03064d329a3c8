using System.Text.Json;
using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Orders;

/// <summary>What an order must say, who may order, read and perform, the list's filters and paging, and isolation.</summary>
public abstract class OrderAccessTests(ClinicalApp app)
{
    [Fact]
    public async Task Bad_orders_answer_400_naming_the_field()
    {
        var desk = await Requisitions.OpenAsync(app);

        async Task<string[]> FieldsAsync(object extra, HttpClient? client = null)
        {
            var problem = await ProblemAssertions.ShouldBeProblemAsync(await desk.WriteAsync(extra, client), HttpStatusCode.BadRequest);
            return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
        }

        (await FieldsAsync(new { items = Array.Empty<object>() })).ShouldBe(["items"]);
        (await FieldsAsync(new { items = new[] { new { system = Requisitions.Loinc, code = "" } } })).ShouldContain(f => f.StartsWith("items[0]", StringComparison.Ordinal));
        (await FieldsAsync(new { performerDepartmentId = Guid.CreateVersion7() })).ShouldBe(["performerDepartmentId"]);
        (await FieldsAsync(new { performerDepartmentId = (Guid?)null })).ShouldBe(["performerDepartmentId"]);
        (await FieldsAsync(new { performerPractitionerId = desk.Requester })).ShouldBe(["performerPractitionerId"]);
        (await FieldsAsync(new { referralLetterNoteId = Guid.CreateVersion7() })).ShouldBe(["referralLetterNoteId"]);
        (await FieldsAsync(new { encounterId = Guid.CreateVersion7() })).ShouldBe(["encounterId"]);
        (await FieldsAsync(new { priority = "whenever" })).ShouldBe(["priority"]);
        (await FieldsAsync(new { category = "medication" })).ShouldBe(["category"]);
        (await FieldsAsync(new { status = "completed" })).ShouldBe(["status"]);
        (await FieldsAsync(new { occurrenceAt = "1800-01-01T00:00:00Z" })).ShouldBe(["occurrenceAt"]);
        (await FieldsAsync(new { requesterId = Guid.CreateVersion7() })).ShouldBe(["requesterId"]);
        (await FieldsAsync(new { }, desk.Visits.Nurse)).ShouldBe(["requesterId"]);
        (await desk.ListAsync($"encounterId={desk.Encounter}")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("enteredInError")]
    public async Task A_void_encounter_takes_no_orders_and_a_draft_of_it_cannot_be_placed(string status)
    {
        var desk = await Requisitions.OpenAsync(app);
        var encounter = await desk.Visits.InStatusAsync("arrived");
        var draft = (await desk.DraftAsync(new { encounterId = encounter })).Id();
        await Json.ReadAsync(await desk.Visits.ActAsync(encounter, status == "cancelled" ? "cancel" : "entered-in-error"), HttpStatusCode.OK);

        var write = await ProblemAssertions.ShouldBeProblemAsync(await desk.WriteAsync(new { encounterId = encounter }), HttpStatusCode.Conflict);
        var place = await ProblemAssertions.ShouldBeProblemAsync(await desk.ActAsync(draft, "place"), HttpStatusCode.Conflict);

        write.GetProperty("encounterStatus").GetString().ShouldBe(status);
        place.GetProperty("encounterStatus").GetString().ShouldBe(status);
        (await desk.GetAsync(draft)).Order.Status().ShouldBe("draft");
    }

    [Fact]
    public async Task A_completed_encounter_still_takes_orders()
    {
        var desk = await Requisitions.OpenAsync(app);
        var encounter = await desk.Visits.InStatusAsync("completed");

        (await desk.DraftAsync(new { encounterId = encounter, status = "active" })).Status().ShouldBe("active");
    }

    [Fact]
    public async Task Doctors_and_nurses_order_performers_start_items_and_others_get_403()
    {
        var desk = await Requisitions.OpenAsync(app);
        var order = await desk.InStatusAsync("active");
        var clinic = desk.Visits.Clinic;

        (await desk.DraftAsync(new { requesterId = desk.Requester }, desk.Visits.Nurse)).GetProperty("requesterId").GetGuid().ShouldBe(desk.Requester);
        foreach (var role in new[] { "Receptionist", "LabTechnician", "Admin" })
        {
            (await desk.WriteAsync(new { requesterId = desk.Requester }, clinic.As(role))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
            (await desk.ActAsync(order.Id(), "hold", clinic.As(role))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        }

        (await clinic.As("Receptionist").GetAsync($"/api/v1/orders/{order.Id()}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clinic.As("Receptionist").GetAsync("/api/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await desk.ItemAsync(order, 0, "start", clinic.As("Receptionist"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await desk.ItemAsync(order, 0, "cancel", desk.Performer)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await desk.GetAsync(order.Id())).Order.GetProperty("version").GetInt32().ShouldBe(1);
        (await desk.ItemActedAsync(order, 0, "start")).Status().ShouldBe("inProgress");
    }

    [Fact]
    public async Task Reading_an_order_or_a_list_of_them_is_audited()
    {
        var desk = await Requisitions.OpenAsync(app);
        var order = await desk.InStatusAsync("active");
        var patient = order.GetProperty("patientId").GetGuid();
        var reader = Guid.CreateVersion7();
        var nurse = desk.Visits.Clinic.As("Nurse", reader);

        await Json.ReadAsync(await nurse.GetAsync($"/api/v1/orders/{order.Id()}"), HttpStatusCode.OK);
        await Json.ReadAsync(await nurse.GetAsync($"/api/v1/orders?patientId={patient}"), HttpStatusCode.OK);

        var orderReads = await Json.ReadAsync(await desk.Visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={order.Id()}&action=read"), HttpStatusCode.OK);
        var patientReads = await Json.ReadAsync(await desk.Visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={patient}&action=read"), HttpStatusCode.OK);
        orderReads.GetProperty("items").EnumerateArray().ShouldContain(r => r.GetProperty("actorId").GetGuid() == reader);
        patientReads.GetProperty("items").EnumerateArray().ShouldContain(r => r.GetProperty("actorId").GetGuid() == reader);
    }

    [Fact]
    public async Task The_list_filters_by_patient_encounter_status_category_priority_and_performer_and_pages_with_a_cursor()
    {
        var desk = await Requisitions.OpenAsync(app);
        var imaging = await desk.Visits.Clinic.NewDepartmentAsync();
        var otherEncounter = await desk.Visits.InStatusAsync("arrived");
        var draft = (await desk.DraftAsync()).Id();
        var active = (await desk.InStatusAsync("active")).Id();
        var stat = (await desk.DraftAsync(new { priority = "stat" })).Id();
        var scan = (await desk.DraftAsync(new { category = "imaging", performerDepartmentId = imaging, items = new[] { new { system = "http://loinc.org", code = "36643-5", display = "XR Chest 2V" } } })).Id();
        var elsewhere = await desk.DraftAsync(new { encounterId = otherEncounter });
        var patient = (await desk.GetAsync(draft)).Order.GetProperty("patientId").GetGuid();
        Guid[] mine = [draft, active, stat, scan];

        async Task<List<Guid>> IdsAsync(string query) => [.. (await desk.ListAsync(query)).Select(o => o.Id())];

        (await IdsAsync($"encounterId={desk.Encounter}")).ShouldBe(mine);
        (await IdsAsync($"patientId={patient}")).ShouldBe(mine);
        (await IdsAsync($"patientId={elsewhere.GetProperty("patientId").GetGuid()}")).ShouldBe([elsewhere.Id()]);
        (await IdsAsync($"encounterId={desk.Encounter}&status=active")).ShouldBe([active]);
        (await IdsAsync($"encounterId={desk.Encounter}&category=imaging")).ShouldBe([scan]);
        (await IdsAsync($"encounterId={desk.Encounter}&priority=STAT")).ShouldBe([stat]);
        (await IdsAsync($"performerDepartmentId={imaging}")).ShouldBe([scan]);
        (await IdsAsync($"performerDepartmentId={desk.Laboratory}&status=draft")).ShouldBe([draft, stat, elsewhere.Id()]);

        var first = await Json.ReadAsync(await desk.Doctor.GetAsync($"/api/v1/orders?encounterId={desk.Encounter}&limit=3"), HttpStatusCode.OK);
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await Json.ReadAsync(await desk.Doctor.GetAsync($"/api/v1/orders?encounterId={desk.Encounter}&limit=3&cursor={Uri.EscapeDataString(cursor!)}"), HttpStatusCode.OK);
        first.GetProperty("items").EnumerateArray().Select(o => o.Id()).ShouldBe(mine[..3]);
        second.GetProperty("items").EnumerateArray().Select(o => o.Id()).ShouldBe([scan]);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);

        foreach (var (query, field) in new[] { ("status=signed", "status"), ("category=x", "category"), ("priority=x", "priority"), ("limit=1000", "limit"), ("cursor=abc", "cursor") })
        {
            (await ProblemAssertions.ShouldBeProblemAsync(await desk.Doctor.GetAsync($"/api/v1/orders?{query}"), HttpStatusCode.BadRequest))
                .GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(query);
        }
    }

    [Fact]
    public async Task Another_tenant_gets_404_from_every_order_endpoint_changes_nothing_and_lists_none_of_it()
    {
        var desk = await Requisitions.OpenAsync(app);
        var stranger = app.NewClinic().As("Admin,Doctor,Nurse,LabTechnician");
        var order = await desk.DraftAsync();

        await IsolationAsync(desk, order, TenantIsolation.Between(desk.Visits.Care, stranger));

        // Writing an order needs an encounter the caller may see: another tenant's is not found, and nothing is written.
        (await ProblemAssertions.ShouldBeProblemAsync(await stranger.PostAsJsonAsync("/api/v1/orders", desk.Body()), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("encounterId", out _).ShouldBeTrue();
        (await desk.ListAsync($"encounterId={desk.Encounter}")).Select(o => o.Id()).ShouldBe([order.Id()]);
    }

    [Fact]
    public async Task A_user_of_another_facility_gets_404_from_every_order_endpoint()
    {
        var desk = await Requisitions.OpenAsync(app);
        var outsider = desk.Visits.Clinic.AssignedTo("Admin,Doctor,Nurse,LabTechnician", (await desk.Visits.DepartmentElsewhereAsync()).Facility);
        var order = await desk.DraftAsync();

        await IsolationAsync(desk, order, TenantIsolation.BetweenFacilities(desk.Visits.Care, outsider));

        (await ProblemAssertions.ShouldBeProblemAsync(await outsider.PostAsJsonAsync("/api/v1/orders", desk.Body()), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("encounterId", out _).ShouldBeTrue();
    }

    private async Task IsolationAsync(Requisitions desk, JsonElement order, TenantIsolation isolation)
    {
        var id = order.Id();
        var item = Requisitions.ItemId(order, 0);
        await isolation
            .CoveringEvery(
                ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Orders.OrdersDb).Namespace!),
                // Its body names the encounter: another tenant's or facility's answers 400 naming encounterId (asserted by the callers).
                "POST /api/v1/orders/")
            .Watching($"/api/v1/orders/{id}")
            .Get($"/api/v1/orders/{id}")
            .Patch($"/api/v1/orders/{id}", new { priority = "stat" })
            .Post($"/api/v1/orders/{id}/place")
            .Post($"/api/v1/orders/{id}/hold")
            .Post($"/api/v1/orders/{id}/resume")
            .Post($"/api/v1/orders/{id}/cancel", new { reason = "x" })
            .Post($"/api/v1/orders/{id}/entered-in-error", new { reason = "x" })
            .Post($"/api/v1/orders/{id}/accept", new { })
            .Post($"/api/v1/orders/{id}/decline", new { reason = "x" })
            .Post($"/api/v1/orders/{id}/items/{item}/start")
            .Post($"/api/v1/orders/{id}/items/{item}/complete")
            .Post($"/api/v1/orders/{id}/items/{item}/cancel", new { reason = "x" })
            .ListWithout("/api/v1/orders", id)
            .ListWithout($"/api/v1/orders?patientId={order.GetProperty("patientId").GetGuid()}", id)
            .ListWithout($"/api/v1/orders?encounterId={desk.Encounter}", id)
            .ShouldHoldAsync();
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class OrderAccessTests_on_Postgres(ClinicalPostgresApp app) : OrderAccessTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class OrderAccessTests_on_Sqlite(ClinicalSqliteApp app) : OrderAccessTests(app);
