using System.Globalization;
using System.Text.Json;
using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Orders;
using HealthCore.Tests.Modules.Scheduling;
using static HealthCore.Tests.Modules.Laboratory.LabBench;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>The laboratory worklist (order, filters, paging, cancelled orders) and accession numbers under concurrent collections.</summary>
public abstract class LabWorklistTests(ClinicalApp app)
{
    [Fact]
    public async Task The_worklist_puts_stat_first_then_asap_urgent_and_routine_oldest_first_and_pages_in_that_order()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var routine = await bench.PlacedAsync(new { priority = "routine" });
        var stat = await bench.PlacedAsync(new { priority = "stat" });
        var laterRoutine = await bench.PlacedAsync(new { priority = "routine" });
        var asap = await bench.PlacedAsync(new { priority = "asap" });
        var urgent = await bench.PlacedAsync(new { priority = "urgent" });
        var patient = PatientOf(await bench.RequestAsync(routine));
        foreach (var order in new[] { stat, laterRoutine, asap, urgent })
        {
            await bench.RequestAsync(order);
        }

        Guid[] expected = [stat, asap, urgent, routine, laterRoutine];
        (await bench.WorklistAsync($"patientId={patient}")).ShouldBe(expected);

        var first = await Json.ReadAsync(await bench.Lab.GetAsync($"{OrdersPath}?patientId={patient}&limit=2"), HttpStatusCode.OK);
        var cursor = Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!);
        var second = await Json.ReadAsync(await bench.Lab.GetAsync($"{OrdersPath}?patientId={patient}&limit=2&cursor={cursor}"), HttpStatusCode.OK);
        cursor = Uri.EscapeDataString(second.GetProperty("nextCursor").GetString()!);
        var third = await Json.ReadAsync(await bench.Lab.GetAsync($"{OrdersPath}?patientId={patient}&limit=2&cursor={cursor}"), HttpStatusCode.OK);
        new[] { first, second, third }.SelectMany(p => p.GetProperty("items").EnumerateArray().Select(r => r.Id())).ShouldBe(expected);
        third.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);

        var row = first.GetProperty("items")[0];
        row.GetProperty("priority").GetString().ShouldBe("stat");
        row.GetProperty("specimens").ValueKind.ShouldBe(JsonValueKind.Null, "the worklist leaves specimens out");
        row.GetProperty("items")[0].GetProperty("analytes").EnumerateArray().Select(a => a.GetString()).ShouldBe(["2823-3"]);
        row.GetProperty("items")[0].GetProperty("targetMinutes").GetInt32().ShouldBe(60);
    }

    [Fact]
    public async Task The_worklist_filters_by_stage_priority_patient_and_facility()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var waiting = await bench.PlacedAsync();
        var collected = await bench.PlacedAsync();
        var inAnalysis = await bench.PlacedAsync(new { priority = "stat" });
        var patient = PatientOf(await bench.RequestAsync(waiting));
        var facility = (await bench.RequestAsync(waiting)).GetProperty("facilityId").GetGuid();
        await bench.CollectedAsync(collected);
        await bench.ActedAsync((await bench.CollectedAsync(inAnalysis)).Id(), "receive");

        (await bench.WorklistAsync($"patientId={patient}")).ShouldBe([inAnalysis, waiting, collected]);
        (await bench.WorklistAsync($"patientId={patient}&status=awaitingCollection")).ShouldBe([waiting]);
        (await bench.WorklistAsync($"patientId={patient}&status=AWAITINGRECEIPT")).ShouldBe([collected]);
        (await bench.WorklistAsync($"patientId={patient}&status=inAnalysis")).ShouldBe([inAnalysis]);
        (await bench.WorklistAsync($"patientId={patient}&status=reported")).ShouldBeEmpty();
        (await bench.WorklistAsync($"patientId={patient}&priority=urgent")).ShouldBe([waiting, collected]);
        (await bench.WorklistAsync($"patientId={patient}&facilityId={facility}")).ShouldBe([inAnalysis, waiting, collected]);
        (await bench.WorklistAsync($"patientId={patient}&facilityId={Guid.CreateVersion7()}")).ShouldBeEmpty();
        (await bench.WorklistAsync($"patientId={Guid.CreateVersion7()}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cancelled_order_leaves_the_worklist_and_is_listed_as_cancelled()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var order = await bench.PlacedAsync();
        var patient = PatientOf(await bench.RequestAsync(order));
        (await bench.WorklistAsync($"patientId={patient}")).ShouldBe([order]);

        await bench.Desk.ActedAsync(order, "cancel");

        (await bench.WorklistEventuallyAsync($"patientId={patient}", ids => ids.Count == 0)).ShouldBeEmpty();
        (await bench.WorklistAsync($"patientId={patient}&status=cancelled")).ShouldBe([order]);
        var request = await bench.RequestAsync(order);
        request.Status().ShouldBe("cancelled");
        request.GetProperty("cancelReason").GetString().ShouldBe("Ordered for the wrong patient");
    }

    [Fact]
    public async Task Items_needing_different_specimens_are_collected_separately()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var order = await bench.PlacedAsync(new { items = new[] { Requisitions.Test("2823-3", "Potassium"), Requisitions.Test("58410-2", "CBC panel") } });
        var request = await bench.RequestAsync(order);

        var mixed = await ProblemAssertions.ShouldBeProblemAsync(await bench.CollectAsync(order), HttpStatusCode.UnprocessableEntity);
        var serum = await bench.CollectedAsync(order, new { itemIds = new[] { request.GetProperty("items")[0].Id() } });
        var blood = await bench.CollectedAsync(order);
        var overridden = await bench.PlacedAsync();
        var stated = await bench.CollectedAsync(overridden, new { type = "Plasma", container = "Gel tube" });

        mixed.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["type"]);
        serum.GetProperty("container").GetString().ShouldBe("Lithium heparin tube (green top)");
        blood.GetProperty("type").GetString().ShouldBe("Whole blood");
        blood.GetProperty("itemIds").EnumerateArray().Select(i => i.GetGuid()).ShouldBe([request.GetProperty("items")[1].Id()]);
        (stated.GetProperty("type").GetString(), stated.GetProperty("container").GetString()).ShouldBe(("Plasma", "Gel tube"));
    }

    [Fact]
    public async Task Thirty_two_concurrent_collections_get_distinct_accession_numbers_with_consecutive_sequences()
    {
        var bench = new LabBench(await Requisitions.OpenAsync(app));
        var orders = new List<Guid>();
        for (var i = 0; i < 32; i++)
        {
            var order = await bench.PlacedAsync(new { items = new[] { Requisitions.Test("2823-3", "Potassium") } });
            await bench.RequestAsync(order);
            orders.Add(order);
        }

        var responses = await Task.WhenAll(orders.Select(order => bench.CollectAsync(order)));

        var accessions = new List<string>();
        foreach (var response in responses)
        {
            accessions.Add((await Json.ReadAsync(response, HttpStatusCode.Created)).GetProperty("accession").GetString()!);
        }

        accessions.ShouldBeUnique();
        accessions.Select(a => a[..7]).Distinct().Count().ShouldBe(1, "one collection day");
        var sequences = accessions.Select(a => int.Parse(a[8..], CultureInfo.InvariantCulture)).Order().ToList();
        sequences.ShouldBe(Enumerable.Range(sequences[0], 32).ToList());
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class LabWorklistTests_on_Postgres(ClinicalPostgresApp app) : LabWorklistTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class LabWorklistTests_on_Sqlite(ClinicalSqliteApp app) : LabWorklistTests(app);
