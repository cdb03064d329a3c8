using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Orders;

/// <summary>Placed orders on the patient's timeline.</summary>
public abstract class OrderTimelineTests(ClinicalApp app)
{
    [Fact]
    public async Task A_placed_order_appears_on_the_patients_timeline_with_its_tests_and_a_draft_does_not()
    {
        var desk = await Requisitions.OpenAsync(app);
        var placed = await desk.ActedAsync((await desk.DraftAsync()).Id(), "place");
        var draft = await desk.DraftAsync(new { items = new[] { Requisitions.Test("4548-4", "Hemoglobin A1c") }, acknowledgeDuplicate = true });
        var patient = placed.GetProperty("patientId").GetGuid();

        var timeline = await Json.ReadAsync(await desk.Doctor.GetAsync($"/api/v1/patients/{patient}/timeline?kind=order"), HttpStatusCode.OK);

        var entries = timeline.GetProperty("items").EnumerateArray().ToList();
        entries.Select(e => e.Id()).ShouldBe([placed.Id()]);
        entries[0].GetProperty("title").GetString().ShouldBe("Order (laboratory): Potassium, Sodium");
        entries[0].Status().ShouldBe("active");
        entries[0].GetProperty("links").GetProperty("self").GetString().ShouldBe($"/api/v1/orders/{placed.Id()}");
        entries.ShouldNotContain(e => e.Id() == draft.Id());
    }

    [Fact]
    public async Task An_order_entered_in_error_is_left_off_the_timeline_unless_asked_for()
    {
        var desk = await Requisitions.OpenAsync(app);
        var order = await desk.ActedAsync((await desk.DraftAsync()).Id(), "place");
        await desk.ActedAsync(order.Id(), "entered-in-error");
        var url = $"/api/v1/patients/{order.GetProperty("patientId").GetGuid()}/timeline?kind=order";

        var plain = await Json.ReadAsync(await desk.Doctor.GetAsync(url), HttpStatusCode.OK);
        var all = await Json.ReadAsync(await desk.Doctor.GetAsync($"{url}&includeEnteredInError=true"), HttpStatusCode.OK);

        plain.GetProperty("items").GetArrayLength().ShouldBe(0);
        all.GetProperty("items")[0].GetProperty("enteredInError").GetBoolean().ShouldBeTrue();
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class OrderTimelineTests_on_Postgres(ClinicalPostgresApp app) : OrderTimelineTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class OrderTimelineTests_on_Sqlite(ClinicalSqliteApp app) : OrderTimelineTests(app);
