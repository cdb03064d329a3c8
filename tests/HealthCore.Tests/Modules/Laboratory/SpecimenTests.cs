using System.Globalization;
using System.Text.Json;
using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Orders;
using HealthCore.Tests.Modules.Scheduling;
using static HealthCore.Tests.Modules.Laboratory.LabBench;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>Specimens of laboratory requests: intake, collection with accession numbers, receipt, rejection and recollection.</summary>
public abstract class SpecimenTests(ClinicalApp app)
{
    [Fact]
    public async Task A_placed_order_reaches_the_laboratory_through_its_event_without_anyone_asking_for_it()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var order = await bench.PlacedAsync();
        var patient = (await bench.Desk.GetAsync(order)).Order.GetProperty("patientId").GetGuid();

        (await bench.WorklistEventuallyAsync($"patientId={patient}", ids => ids.Contains(order))).ShouldBe([order]);
    }

    [Fact]
    public async Task Collecting_right_after_placing_takes_the_order_in_and_gives_the_specimen_an_accession_number_of_the_tenants_day()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        // A zone whose date differs from UTC's at this hour, so that the accession shows which day it counts.
        var zone = app.Now.UtcDateTime.Hour >= 10 ? "Pacific/Kiritimati" : "Pacific/Honolulu";
        await bench.Desk.Visits.Clinic.ConfigureAsync(new { timeZone = zone });
        var order = await bench.PlacedAsync();

        var specimen = await bench.CollectedAsync(order, new { site = "Left antecubital vein", note = "Tourniquet under a minute" });

        var collectedAt = specimen.GetProperty("collectedAt").GetDateTimeOffset();
        var day = TimeZoneInfo.ConvertTime(collectedAt, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("yyMMdd", CultureInfo.InvariantCulture);
        day.ShouldNotBe(collectedAt.UtcDateTime.ToString("yyMMdd", CultureInfo.InvariantCulture));
        specimen.GetProperty("accession").GetString()!.ShouldMatch($"^L{day}-[0-9]{{5}}$");
        specimen.Status().ShouldBe("collected");
        specimen.GetProperty("type").GetString().ShouldBe("Serum or plasma");
        specimen.GetProperty("site").GetString().ShouldBe("Left antecubital vein");
        specimen.GetProperty("collectorPractitionerId").ValueKind.ShouldBe(JsonValueKind.Null, "the technician has no practitioner record");
        specimen.GetProperty("itemIds").GetArrayLength().ShouldBe(2);

        var request = await bench.RequestAsync(order);
        request.Status().ShouldBe("awaitingReceipt");
        request.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("status").GetString() == "collected"
            && i.GetProperty("specimenId").GetGuid() == specimen.Id() && i.GetProperty("collectedAt").GetDateTimeOffset() == collectedAt);
        request.GetProperty("specimens").EnumerateArray().Select(s => s.Id()).ShouldBe([specimen.Id()]);
        (await app.OutboxAsync(order, "laboratory")).Select(e => e.Type).ShouldContain("LabWorkStarted");
        await EventuallyAsync(async () => (await bench.Desk.GetAsync(order)).Order.Status() == "inProgress");
    }

    [Fact]
    public async Task The_collector_is_recorded_with_their_practitioner_record_when_they_have_one()
    {
        var desk = await Requisitions.OpenAsync(app);
        var bench = new LabBench(desk);
        var user = await desk.Visits.Clinic.Staff.NewUserAsync();
        var practitioner = await desk.Visits.Clinic.NewPractitionerAsync(user);
        var order = await bench.PlacedAsync();

        var specimen = await Json.ReadAsync(await bench.CollectAsync(order, client: desk.Visits.Clinic.As("LabTechnician", user)), HttpStatusCode.Created);

        specimen.GetProperty("collectedBy").GetGuid().ShouldBe(user);
        specimen.GetProperty("collectorPractitionerId").GetGuid().ShouldBe(practitioner);
    }

    [Fact]
    public async Task A_specimen_is_received_rejected_and_recollected_under_a_new_accession_and_the_ordering_doctor_is_told()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var order = await bench.PlacedAsync();
        var first = await bench.CollectedAsync(order);

        var received = await bench.ActedAsync(first.Id(), "receive", new { condition = "slightly lipaemic" });
        (await bench.RequestAsync(order)).Status().ShouldBe("inAnalysis");
        var rejected = await bench.ActedAsync(first.Id(), "reject", new { reason = "haemolysed", note = "Pink serum" });
        var afterRejection = await bench.RequestAsync(order);
        var recollectionList = await bench.WorklistAsync($"patientId={PatientOf(afterRejection)}&status=awaitingCollection");
        var second = await bench.CollectedAsync(order);
        var afterRecollection = await bench.RequestAsync(order);

        received.Status().ShouldBe("received");
        received.GetProperty("condition").GetString().ShouldBe("slightly lipaemic");
        received.GetProperty("receivedAt").ValueKind.ShouldBe(JsonValueKind.String);
        rejected.Status().ShouldBe("rejected");
        rejected.GetProperty("rejectionReason").GetString().ShouldBe("haemolysed");
        rejected.GetProperty("itemIds").GetArrayLength().ShouldBe(2, "a rejected specimen still says what it was for");
        afterRejection.Status().ShouldBe("awaitingCollection");
        afterRejection.GetProperty("recollectionNeeded").GetBoolean().ShouldBeTrue();
        afterRejection.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("status").GetString() == "awaitingCollection"
            && i.GetProperty("recollectionNeeded").GetBoolean() && i.GetProperty("specimenId").ValueKind == JsonValueKind.Null
            && i.GetProperty("collectedAt").ValueKind == JsonValueKind.Null && i.GetProperty("receivedAt").ValueKind == JsonValueKind.Null);
        recollectionList.ShouldBe([order]);
        second.GetProperty("accession").GetString().ShouldNotBe(first.GetProperty("accession").GetString());
        afterRecollection.Status().ShouldBe("awaitingReceipt");
        afterRecollection.GetProperty("recollectionNeeded").GetBoolean().ShouldBeFalse();
        afterRecollection.GetProperty("specimens").EnumerateArray().Select(s => s.Status()).ShouldBe(["rejected", "collected"]);

        var notification = await Inbox.EventuallySingleAsync(bench.Desk.Visits, bench.Desk.DoctorUser);
        notification.GetProperty("templateKey").GetString().ShouldBe("lab.specimen.rejected");
        notification.GetProperty("body").GetString()!.ShouldContain(first.GetProperty("accession").GetString()!);
        notification.GetProperty("body").GetString()!.ShouldContain("haemolysed");
        notification.GetProperty("body").GetString()!.ShouldContain("Potassium, Sodium");
    }

    [Fact]
    public async Task Only_a_collected_specimen_is_received_and_a_rejected_one_is_neither_received_nor_rejected_again()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var order = await bench.PlacedAsync();
        var specimen = (await bench.CollectedAsync(order)).Id();
        await bench.ActedAsync(specimen, "receive");

        var again = await ProblemAssertions.ShouldBeProblemAsync(await bench.ActAsync(specimen, "receive"), HttpStatusCode.Conflict);
        await bench.ActedAsync(specimen, "reject");
        var receiveRejected = await ProblemAssertions.ShouldBeProblemAsync(await bench.ActAsync(specimen, "receive"), HttpStatusCode.Conflict);
        var rejectRejected = await ProblemAssertions.ShouldBeProblemAsync(await bench.ActAsync(specimen, "reject"), HttpStatusCode.Conflict);

        again.GetProperty("currentStatus").GetString().ShouldBe("received");
        receiveRejected.GetProperty("currentStatus").GetString().ShouldBe("rejected");
        rejectRejected.GetProperty("rule").GetString().ShouldBe("specimen-transition");
    }

    [Fact]
    public async Task Collecting_items_that_are_not_awaiting_collection_or_for_a_cancelled_order_answers_409()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var order = await bench.PlacedAsync();
        var request = await bench.RequestAsync(order);
        var potassium = request.GetProperty("items")[0].Id();
        var sodium = request.GetProperty("items")[1].Id();
        var specimen = await bench.CollectedAsync(order, new { itemIds = new[] { potassium } });

        var twice = await ProblemAssertions.ShouldBeProblemAsync(await bench.CollectAsync(order, new { itemIds = new[] { potassium, sodium } }), HttpStatusCode.Conflict);
        var rest = await bench.CollectedAsync(order);
        var nothingLeft = await ProblemAssertions.ShouldBeProblemAsync(await bench.CollectAsync(order), HttpStatusCode.Conflict);
        var cancelled = await bench.PlacedAsync();
        await bench.RequestAsync(cancelled);
        await bench.Desk.ActedAsync(cancelled, "cancel");
        await EventuallyAsync(async () => (await bench.RequestAsync(cancelled)).Status() == "cancelled");
        var forCancelled = await ProblemAssertions.ShouldBeProblemAsync(await bench.CollectAsync(cancelled), HttpStatusCode.Conflict);

        specimen.GetProperty("itemIds").EnumerateArray().Select(i => i.GetGuid()).ShouldBe([potassium]);
        twice.GetProperty("rule").GetString().ShouldBe("item-not-awaiting-collection");
        twice.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("currentStatus").GetString().ShouldBe("collected");
        rest.GetProperty("itemIds").EnumerateArray().Select(i => i.GetGuid()).ShouldBe([sodium]);
        rest.GetProperty("accession").GetString().ShouldNotBe(specimen.GetProperty("accession").GetString());
        nothingLeft.GetProperty("rule").GetString().ShouldBe("item-not-awaiting-collection");
        forCancelled.GetProperty("rule").GetString().ShouldBe("order-cancelled");
    }

    [Fact]
    public async Task Bad_input_answers_400_or_422_naming_the_field()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var order = await bench.PlacedAsync();
        var placedAt = (await bench.RequestAsync(order)).GetProperty("orderedAt").GetDateTimeOffset();

        async Task<string[]> FieldsAsync(HttpResponseMessage response, HttpStatusCode status) =>
            [.. (await ProblemAssertions.ShouldBeProblemAsync(response, status)).GetProperty("errors").EnumerateObject().Select(e => e.Name)];

        (await FieldsAsync(await bench.CollectAsync(order, new { collectedAt = app.Now.AddHours(1) }), HttpStatusCode.UnprocessableEntity)).ShouldBe(["collectedAt"]);
        (await FieldsAsync(await bench.CollectAsync(order, new { collectedAt = placedAt.AddMinutes(-5) }), HttpStatusCode.UnprocessableEntity)).ShouldBe(["collectedAt"]);
        (await FieldsAsync(await bench.CollectAsync(order, new { itemIds = new[] { Guid.CreateVersion7() } }), HttpStatusCode.UnprocessableEntity)).ShouldBe(["itemIds[0]"]);
        (await FieldsAsync(await bench.CollectAsync(order, new { itemIds = Array.Empty<Guid>() }), HttpStatusCode.BadRequest)).ShouldBe(["itemIds"]);
        (await FieldsAsync(await bench.CollectAsync(order, new { collectedAt = "yesterday" }), HttpStatusCode.BadRequest)).ShouldContain(f => f.Contains("collectedAt", StringComparison.OrdinalIgnoreCase));
        (await FieldsAsync(await bench.CollectAsync(order, new { site = new string('x', 201) }), HttpStatusCode.BadRequest)).ShouldBe(["site"]);

        var specimen = (await bench.CollectedAsync(order)).Id();
        var collectedAt = (await bench.SpecimenAsync(specimen)).Specimen.GetProperty("collectedAt").GetDateTimeOffset();
        (await FieldsAsync(await bench.ActAsync(specimen, "receive", new { receivedAt = collectedAt.AddMinutes(-1) }), HttpStatusCode.UnprocessableEntity)).ShouldBe(["receivedAt"]);
        (await FieldsAsync(await bench.ActAsync(specimen, "reject", new { note = "no reason" }), HttpStatusCode.BadRequest)).ShouldBe(["reason"]);
        (await FieldsAsync(await bench.ActAsync(specimen, "reject", new { reason = "dirty" }), HttpStatusCode.BadRequest)).ShouldContain(f => f.Contains("reason", StringComparison.OrdinalIgnoreCase));
        (await FieldsAsync(await bench.Lab.GetAsync(SpecimensPath), HttpStatusCode.BadRequest)).ShouldBe(["accession"]);
        (await FieldsAsync(await bench.Lab.GetAsync($"{OrdersPath}?status=done"), HttpStatusCode.BadRequest)).ShouldBe(["status"]);
        (await FieldsAsync(await bench.Lab.GetAsync($"{OrdersPath}?priority=whenever"), HttpStatusCode.BadRequest)).ShouldBe(["priority"]);
        (await FieldsAsync(await bench.Lab.GetAsync($"{OrdersPath}?cursor=abc"), HttpStatusCode.BadRequest)).ShouldBe(["cursor"]);
        (await FieldsAsync(await bench.Lab.GetAsync($"{OrdersPath}?limit=1000"), HttpStatusCode.BadRequest)).ShouldBe(["limit"]);
        (await bench.SpecimenAsync(specimen)).Specimen.Status().ShouldBe("collected", "nothing rejected stuck");
    }

    [Fact]
    public async Task A_collection_retried_with_its_Idempotency_Key_replays_the_first_specimen_instead_of_collecting_again()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var order = await bench.PlacedAsync();

        await IdempotentRetry.ShouldReplayAsync(bench.Lab, $"{OrdersPath}/{order}/specimens", new { site = "Right hand" }, HttpStatusCode.Created);

        (await bench.RequestAsync(order)).GetProperty("specimens").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Receive_and_reject_honour_If_Match()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var specimen = (await bench.CollectedAsync(await bench.PlacedAsync())).Id();
        var (_, etag) = await bench.SpecimenAsync(specimen);
        await bench.ActedAsync(specimen, "receive");

        await ProblemAssertions.ShouldBeProblemAsync(await bench.ActAsync(specimen, "reject", ifMatch: etag), HttpStatusCode.PreconditionFailed);
        var (_, current) = await bench.SpecimenAsync(specimen);
        (await Json.ReadAsync(await bench.ActAsync(specimen, "reject", ifMatch: current), HttpStatusCode.OK)).Status().ShouldBe("rejected");
    }

    [Fact]
    public async Task A_specimen_is_found_by_its_accession_number_and_reading_it_is_a_read_of_the_patients_record()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var order = await bench.PlacedAsync();
        var specimen = await bench.CollectedAsync(order);
        var accession = specimen.GetProperty("accession").GetString()!;
        var reader = Guid.CreateVersion7();
        var lab = bench.Desk.Visits.Clinic.As("LabTechnician", reader);

        var scanned = await Json.ReadAsync(await lab.GetAsync($"{SpecimensPath}?accession={accession.ToLowerInvariant()}"), HttpStatusCode.OK);
        await ProblemAssertions.ShouldBeProblemAsync(await lab.GetAsync($"{SpecimensPath}?accession=L000101-99999"), HttpStatusCode.NotFound);

        scanned.Id().ShouldBe(specimen.Id());
        var patient = scanned.GetProperty("patientId").GetGuid();
        var reads = await Json.ReadAsync(await bench.Desk.Visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={patient}&action=read"), HttpStatusCode.OK);
        reads.GetProperty("items").EnumerateArray().ShouldContain(r => r.GetProperty("actorId").GetGuid() == reader);
    }

    [Fact]
    public async Task A_nurse_cannot_collect_a_doctor_reads_but_does_not_receive_and_a_receptionist_sees_nothing()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var clinic = bench.Desk.Visits.Clinic;
        var order = await bench.PlacedAsync();
        var specimen = (await bench.CollectedAsync(order)).Id();

        (await bench.CollectAsync(order, client: bench.Desk.Visits.Nurse)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bench.CollectAsync(order, client: bench.Desk.Doctor)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bench.ActAsync(specimen, "receive", client: bench.Desk.Doctor)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bench.ActAsync(specimen, "reject", client: clinic.As("Nurse"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bench.RequestAsync(order, bench.Desk.Doctor)).Status().ShouldBe("awaitingReceipt");
        foreach (var url in new[] { $"{OrdersPath}/{order}", OrdersPath, $"{SpecimensPath}/{specimen}" })
        {
            (await clinic.As("Receptionist").GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }

        (await bench.SpecimenAsync(specimen)).Specimen.Status().ShouldBe("collected");
    }

    [Fact]
    public async Task Another_tenant_gets_404_from_every_specimen_and_worklist_endpoint_and_lists_none_of_it()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var order = await bench.PlacedAsync();
        var specimen = await bench.CollectedAsync(order);
        var stranger = app.NewClinic().As("Admin,Doctor,Nurse,LabTechnician");

        await IsolationAsync(bench, order, specimen, TenantIsolation.Between(bench.Lab, stranger));
    }

    [Fact]
    public async Task A_user_of_another_facility_gets_404_from_every_specimen_and_worklist_endpoint()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var order = await bench.PlacedAsync();
        var specimen = await bench.CollectedAsync(order);
        var outsider = bench.Desk.Visits.Clinic.AssignedTo("Admin,Doctor,Nurse,LabTechnician", (await bench.Desk.Visits.DepartmentElsewhereAsync()).Facility);

        await IsolationAsync(bench, order, specimen, TenantIsolation.BetweenFacilities(bench.Lab, outsider));
    }

    private async Task IsolationAsync(LabBench bench, Guid order, JsonElement specimen, TenantIsolation isolation)
    {
        var id = specimen.Id();
        var patient = specimen.GetProperty("patientId").GetGuid();
        await isolation
            .CoveringEvery(ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Laboratory.LaboratoryDb).Namespace!)
                .Where(e => e.Template.StartsWith(SpecimensPath, StringComparison.Ordinal)
                    || e.Template is OrdersPath or $"{OrdersPath}/" or $"{OrdersPath}/{{orderId:guid}}" or $"{OrdersPath}/{{orderId:guid}}/specimens"))
            .Watching($"{SpecimensPath}/{id}", $"{OrdersPath}/{order}")
            .Get($"{OrdersPath}/{order}")
            .Post($"{OrdersPath}/{order}/specimens")
            .Get($"{SpecimensPath}/{id}")
            .Get($"{SpecimensPath}?accession={specimen.GetProperty("accession").GetString()}")
            .Post($"{SpecimensPath}/{id}/receive")
            .Post($"{SpecimensPath}/{id}/reject", new { reason = "clotted" })
            .ListWithout(OrdersPath, order)
            .ListWithout($"{OrdersPath}?patientId={patient}", order)
            .ShouldHoldAsync();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition never held");
            await Task.Delay(100);
        }
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class SpecimenTests_on_Postgres(ClinicalPostgresApp app) : SpecimenTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class SpecimenTests_on_Sqlite(ClinicalSqliteApp app) : SpecimenTests(app);
