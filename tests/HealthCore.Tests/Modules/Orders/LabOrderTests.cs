using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Orders;

/// <summary>Laboratory orders against the tenant's test catalogue: known codes only, panels with their members, the duplicate warning.</summary>
public abstract class LabOrderTests(ClinicalApp app)
{
    private static readonly object HbA1c = new { items = new[] { Requisitions.Test("4548-4", "Hemoglobin A1c") } };

    [Fact]
    public async Task A_code_outside_the_catalogue_answers_400_naming_the_item()
    {
        var desk = await Requisitions.OpenAsync(app);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            await desk.WriteAsync(new { items = new[] { Requisitions.Test("2823-3"), Requisitions.Test("99999-9") } }), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["items[1].code"]);
        problem.GetProperty("errors").GetProperty("items[1].code")[0].GetString()!.ShouldContain("laboratory catalogue");
    }

    [Fact]
    public async Task A_panel_keeps_its_code_on_the_item_and_lists_its_member_tests()
    {
        var desk = await Requisitions.OpenAsync(app);

        var order = await desk.DraftAsync(new { items = new[] { Requisitions.Test("51990-0", "Basic metabolic panel"), Requisitions.Test("2823-3") } });

        var panel = order.GetProperty("items")[0];
        panel.GetProperty("code").GetString().ShouldBe("51990-0");
        panel.GetProperty("panelMembers").EnumerateArray().Select(m => m.GetString()).ShouldContain("2823-3");
        panel.GetProperty("panelMembers").EnumerateArray().Select(m => m.GetString()).ShouldContain("2951-2");
        order.GetProperty("items")[1].GetProperty("panelMembers").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Ordering_a_test_again_inside_its_retest_interval_answers_409_naming_the_existing_order_unless_acknowledged()
    {
        var desk = await Requisitions.OpenAsync(app);
        var first = (await desk.DraftAsync(Json.Merge(HbA1c, new { status = "active" }))).Id();

        var again = await ProblemAssertions.ShouldBeProblemAsync(await desk.WriteAsync(HbA1c), HttpStatusCode.Conflict);
        var acknowledged = await desk.DraftAsync(Json.Merge(HbA1c, new { acknowledgeDuplicate = true }));
        var otherTest = await desk.WriteAsync(new { items = new[] { Requisitions.Test("2823-3") } });

        again.GetProperty("rule").GetString().ShouldBe("duplicate-order");
        again.GetProperty("existingOrderId").GetGuid().ShouldBe(first);
        again.GetProperty("code").GetString().ShouldBe("4548-4");
        acknowledged.Status().ShouldBe("draft");
        otherTest.StatusCode.ShouldBe(HttpStatusCode.Created);

        // Cancelled orders are no duplicates.
        await desk.ActedAsync(first, "cancel");
        await desk.ActedAsync(acknowledged.Id(), "cancel");
        (await desk.WriteAsync(HbA1c)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class LabOrderTests_on_Postgres(ClinicalPostgresApp app) : LabOrderTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class LabOrderTests_on_Sqlite(ClinicalSqliteApp app) : LabOrderTests(app);
