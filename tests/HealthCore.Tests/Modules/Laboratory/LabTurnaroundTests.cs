using System.Text.Json;
using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Orders;
using HealthCore.Tests.Modules.Scheduling;
using static HealthCore.Tests.Modules.Laboratory.LabFlow;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>The turnaround report over items with known stage times (set through the fixture <see cref="LabFlow.SetStagesAsync"/>).</summary>
public abstract class LabTurnaroundTests(ClinicalApp app)
{
    private const string Path = "/api/v1/lab/turnaround";

    [Fact]
    public async Task Turnaround_reports_median_and_90th_percentile_per_stage_and_the_share_within_target_of_items_verified_in_the_period()
    {
        var desk = await FourVerifiedItemsAsync();
        await desk.InStatusAsync("active");
        var from = app.Now.AddDays(-1);
        var to = app.Now.AddDays(1);

        var report = await ReportAsync(desk.Performer, from, to);

        report.GetProperty("items").GetInt32().ShouldBe(4, "the third order's items are not verified");
        report.GetProperty("percentileMethod").GetString().ShouldBe("nearest-rank");
        Stage(report, "orderedToCollected").ShouldBe((4, 10, 30));
        Stage(report, "collectedToReceived").ShouldBe((4, 10, 30));
        Stage(report, "receivedToResulted").ShouldBe((4, 30, 50));
        Stage(report, "resultedToVerified").ShouldBe((4, 30, 120));
        Stage(report, "orderedToVerified").ShouldBe((4, 90, 200));
        var target = report.GetProperty("withinTarget");
        target.GetProperty("items").GetInt32().ShouldBe(3);
        target.GetProperty("within").GetInt32().ShouldBe(2);
        target.GetProperty("share").GetDouble().ShouldBe(0.6667);
    }

    [Fact]
    public async Task Turnaround_filters_by_test_code_priority_and_the_verification_period()
    {
        var desk = await FourVerifiedItemsAsync();
        var from = app.Now.AddDays(-1);
        var to = app.Now.AddDays(1);

        var potassium = await ReportAsync(desk.Performer, from, to, "&testCode=2823-3");
        var stat = await ReportAsync(desk.Performer, from, to, "&priority=stat");
        var late = await ReportAsync(desk.Performer, app.Now.AddMinutes(65), to);
        var otherTenant = await ReportAsync(app.NewClinic().As("Pathologist"), from, to);

        potassium.GetProperty("items").GetInt32().ShouldBe(2);
        Stage(potassium, "orderedToVerified").ShouldBe((2, 60, 90));
        potassium.GetProperty("withinTarget").GetProperty("share").GetDouble().ShouldBe(1);
        stat.GetProperty("items").GetInt32().ShouldBe(0);
        stat.GetProperty("stages")[0].GetProperty("medianMinutes").ValueKind.ShouldBe(JsonValueKind.Null);
        stat.GetProperty("withinTarget").GetProperty("share").ValueKind.ShouldBe(JsonValueKind.Null);
        late.GetProperty("items").GetInt32().ShouldBe(3, "the item verified an hour after ordering is before the period");
        otherTenant.GetProperty("items").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Turnaround_rejects_a_missing_or_inverted_period_one_over_366_days_and_an_unknown_priority_naming_the_field()
    {
        var client = app.NewClinic().As("LabTechnician");
        var now = app.Now;

        (await ErrorsAsync(client, "")).ShouldBe(["from", "to"], ignoreOrder: true);
        (await ErrorsAsync(client, $"from={At(now)}&to={At(now)}")).ShouldBe(["to"]);
        (await ErrorsAsync(client, $"from={At(now)}&to={At(now.AddDays(367))}")).ShouldBe(["to"]);
        (await ErrorsAsync(client, $"from={At(now)}&to={At(now.AddDays(1))}&priority=whenever")).ShouldBe(["priority"]);
        (await client.GetAsync($"{Path}?from={At(now)}&to={At(now.AddDays(366))}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.NewClinic().As("Receptionist").GetAsync($"{Path}?from={At(now)}&to={At(now.AddDays(1))}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// Two urgent orders of potassium and sodium, verified 90 and 150 minutes (target 120), 60 (no target) and 200
    /// minutes (target 240) after ordering.
    /// </summary>
    private async Task<Requisitions> FourVerifiedItemsAsync()
    {
        var desk = await Requisitions.OpenAsync(app);
        var first = await desk.InStatusAsync("active");
        var second = await desk.InStatusAsync("active");
        await SetStagesAsync(app, desk, first, 0, new Stages(10, 30, 60, 90, Target: 120));
        await SetStagesAsync(app, desk, first, 1, new Stages(20, 50, 100, 150, Target: 120));
        await SetStagesAsync(app, desk, second, 0, new Stages(5, 15, 45, 60, Target: null));
        await SetStagesAsync(app, desk, second, 1, new Stages(30, 40, 80, 200, Target: 240));
        return desk;
    }

    private static string At(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O"));

    private static async Task<JsonElement> ReportAsync(HttpClient client, DateTimeOffset from, DateTimeOffset to, string extra = "") =>
        await Json.ReadAsync(await client.GetAsync($"{Path}?from={At(from)}&to={At(to)}{extra}"), HttpStatusCode.OK);

    private static async Task<IEnumerable<string>> ErrorsAsync(HttpClient client, string query) => (await LabApi.ErrorsAsync(await client.GetAsync($"{Path}?{query}"))).Keys;

    private static (int Count, double Median, double P90) Stage(JsonElement report, string name)
    {
        var stage = report.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == name);
        return (stage.GetProperty("count").GetInt32(), stage.GetProperty("medianMinutes").GetDouble(), stage.GetProperty("p90Minutes").GetDouble());
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class LabTurnaroundTests_on_Postgres(ClinicalPostgresApp app) : LabTurnaroundTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class LabTurnaroundTests_on_Sqlite(ClinicalSqliteApp app) : LabTurnaroundTests(app);
