using System.Text.Json;
using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Orders;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>Result entry, interpretation at collection, delta checks, two-person verification, auto-verification and corrections, over HTTP.</summary>
public abstract class LabResultsTests(ClinicalApp app)
{
    [Fact]
    public async Task Entered_results_make_a_preliminary_report_shaped_as_a_diagnostic_report()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync();
        var collectedAt = (await bench.Desk.Visits.Clinic.As("LabTechnician").GetFromJsonAsync<JsonElement>($"/api/v1/lab/orders/{order.Id()}"))
            .GetProperty("items")[0].GetProperty("collectedAt").GetDateTimeOffset();

        var response = await bench.EnterAsync(order, 0, [ResultsBench.Quantity(ResultsBench.Potassium, 4.2m)], comment: "Slightly haemolysed");
        var report = await Json.ReadAsync(response, HttpStatusCode.Created);

        response.Headers.Location!.ToString().ShouldBe($"{ResultsBench.ReportsPath}/{Requisitions.ItemId(order, 0)}");
        report.Id().ShouldBe(Requisitions.ItemId(order, 0));
        report.Status().ShouldBe("preliminary");
        report.GetProperty("version").GetInt32().ShouldBe(1);
        report.GetProperty("code").GetProperty("code").GetString().ShouldBe(ResultsBench.Potassium);
        report.GetProperty("basedOn").GetProperty("orderId").GetGuid().ShouldBe(order.Id());
        report.GetProperty("encounter").GetGuid().ShouldBe(bench.Desk.Encounter);
        report.GetProperty("effective").GetDateTimeOffset().ShouldBe(collectedAt, TimeSpan.FromMilliseconds(1));
        report.GetProperty("resultsInterpreter").ValueKind.ShouldBe(JsonValueKind.Null);
        report.GetProperty("conclusion").GetString().ShouldBe("Slightly haemolysed");
        var result = ResultsBench.Result(report);
        result.GetProperty("value").GetString().ShouldBe("4.2");
        result.GetProperty("unit").GetString().ShouldBe("mmol/L");
        result.GetProperty("interpretation").GetString().ShouldBe("normal");
        result.GetProperty("referenceRange").GetProperty("text").GetString().ShouldBe("3.5-5.1 mmol/L");
        result.GetProperty("referenceRange").GetProperty("criticalHigh").GetDecimal().ShouldBe(6.2m);
        var placed = await EventuallyAsync(async () => (await bench.Desk.GetAsync(order.Id())).Order, o => Requisitions.ItemStatus(o, 0) != "active");
        Requisitions.ItemStatus(placed, 0).ShouldBe("inProgress", "collecting the specimen started the item; a preliminary report does not complete it");
    }

    [Fact]
    public async Task Results_that_break_the_catalogue_answer_422_naming_the_field_and_the_rule()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync();

        var notAnalyte = await ProblemAssertions.ShouldBeProblemAsync(
            await bench.EnterAsync(order, 0, [ResultsBench.Quantity(ResultsBench.Potassium, 4.0m), ResultsBench.Quantity(ResultsBench.Sodium, 140m)]), HttpStatusCode.UnprocessableEntity);
        var wrongUnit = await ProblemAssertions.ShouldBeProblemAsync(
            await bench.EnterAsync(order, 0, [ResultsBench.Quantity(ResultsBench.Potassium, 4.0m, "mg/dL")]), HttpStatusCode.UnprocessableEntity);
        var wrongKind = await ProblemAssertions.ShouldBeProblemAsync(
            await bench.EnterAsync(order, 0, [new { code = ResultsBench.Potassium, valueText = "normal" }]), HttpStatusCode.UnprocessableEntity);
        var twoValues = await ProblemAssertions.ShouldBeProblemAsync(
            await bench.EnterAsync(order, 0, [new { code = ResultsBench.Potassium, valueText = "4", valueQuantity = new { value = 4.0, unit = "mmol/L" } }]), HttpStatusCode.BadRequest);

        Errors(notAnalyte).Keys.ShouldBe(["results[1].code"]);
        Errors(notAnalyte)["results[1].code"][0].ShouldContain("not reported under");
        Errors(wrongUnit)["results[0].valueQuantity.unit"][0].ShouldContain("mmol/L");
        Errors(wrongKind)["results[0].valueQuantity"][0].ShouldContain("quantity");
        Errors(twoValues).Keys.ShouldBe(["results[0]"]);
    }

    [Fact]
    public async Task A_coded_answer_must_be_one_of_the_tests_answers_and_has_no_interpretation()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync(new { items = new[] { Requisitions.Test("24356-8", "Urinalysis") } });

        var refused = await ProblemAssertions.ShouldBeProblemAsync(
            await bench.EnterAsync(order, 0, [new { code = "5804-0", valueCode = "Lots" }]), HttpStatusCode.UnprocessableEntity);
        var report = await bench.EnteredAsync(order, 0, new { code = "5804-0", valueCode = "Trace" }, new { code = "5811-5", valueQuantity = new { value = 1.010, unit = "1" } });

        Errors(refused)["results[0].valueCode"][0].ShouldContain("Negative, Trace");
        var protein = report.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("code").GetProperty("code").GetString() == "5804-0");
        protein.GetProperty("valueCode").GetString().ShouldBe("Trace");
        protein.GetProperty("interpretation").ValueKind.ShouldBe(JsonValueKind.Null);
        report.GetProperty("results")[0].GetProperty("code").GetProperty("code").GetString().ShouldBe("5811-5", "results follow the panel's report order");
    }

    [Fact]
    public async Task Results_of_an_item_not_received_or_cancelled_answer_409_naming_its_status()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var awaiting = await bench.Desk.DraftAsync(new { status = "active", acknowledgeDuplicate = true });
        // Cancelled before collection: once collected, the order is in progress and is ended item by item instead.
        var cancelled = await bench.Desk.DraftAsync(new { status = "active", acknowledgeDuplicate = true });
        await bench.Desk.ActedAsync(cancelled.Id(), "cancel");

        var notReceived = await ProblemAssertions.ShouldBeProblemAsync(
            await bench.EnterAsync(awaiting, 0, [ResultsBench.Quantity(ResultsBench.Potassium, 4.0m)]), HttpStatusCode.Conflict);

        // The cancellation reaches the laboratory through the outbox.
        await EventuallyAsync(
            async () => await Json.ReadAsync(await bench.Technician.GetAsync($"/api/v1/lab/orders/{cancelled.Id()}"), HttpStatusCode.OK), r => r.Status() == "cancelled");
        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            await bench.EnterAsync(cancelled, 1, [ResultsBench.Quantity(ResultsBench.Sodium, 140m)]), HttpStatusCode.Conflict);

        notReceived.GetProperty("currentStatus").GetString().ShouldBe("awaitingCollection");
        problem.GetProperty("currentStatus").GetString().ShouldBe("cancelled");
        problem.GetProperty("rule").GetString().ShouldBe("item-cancelled");
    }

    [Fact]
    public async Task Reference_limits_are_inclusive_and_critical_limits_exclusive()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync();
        (decimal Value, string Interpretation, bool Critical)[] cases =
        [
            (3.5m, "normal", false), (5.1m, "normal", false), (3.49m, "low", false), (5.11m, "high", false),
            (2.8m, "low", false), (6.2m, "high", false), (2.79m, "criticalLow", true), (6.21m, "criticalHigh", true),
        ];

        foreach (var (value, interpretation, critical) in cases)
        {
            var response = await bench.EnterAsync(order, 0, [ResultsBench.Quantity(ResultsBench.Potassium, value)]);
            response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
            var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

            ResultsBench.Interpretation(report).ShouldBe(interpretation, $"potassium {value}");
            ResultsBench.Flags(report).Contains("critical").ShouldBe(critical, $"potassium {value}");
            report.Status().ShouldBe("preliminary", "re-entering replaces the preliminary values");
        }
    }

    [Fact]
    public async Task A_child_collected_the_day_before_their_18th_birthday_gets_the_child_range_though_resulted_as_an_adult()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var birthDate = DateOnly.FromDateTime(app.Now.UtcDateTime).AddDays(1).AddYears(-18);
        var child = await bench.ReceivedAsync(await bench.PatientBornAsync(birthDate));
        var adult = await bench.ReceivedAsync(await bench.PatientBornAsync(birthDate.AddDays(-2)));
        app.Clock.Advance(TimeSpan.FromDays(2));

        var childReport = await bench.EnteredAsync(child, 0, ResultsBench.Quantity(ResultsBench.Potassium, 5.05m));
        var adultReport = await bench.EnteredAsync(adult, 0, ResultsBench.Quantity(ResultsBench.Potassium, 5.05m));

        ResultsBench.Interpretation(childReport).ShouldBe("high");
        ResultsBench.Result(childReport).GetProperty("referenceRange").GetProperty("ageTo").GetString().ShouldBe("P18Y");
        ResultsBench.Interpretation(adultReport).ShouldBe("normal");
        ResultsBench.Result(adultReport).GetProperty("referenceRange").GetProperty("ageFrom").GetString().ShouldBe("P18Y");
    }

    [Fact]
    public async Task A_change_beyond_the_delta_limit_from_the_previous_released_result_is_flagged()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var first = await bench.ReceivedAsync();
        var earlier = await bench.ReleasedAsync(first, 0, ResultsBench.Quantity(ResultsBench.Potassium, 4.0m));
        var second = await bench.ReceivedAsync();

        var withinLimit = await bench.EnteredAsync(second, 0, ResultsBench.Quantity(ResultsBench.Potassium, 5.0m));
        var beyond = await Json.ReadAsync(await bench.EnterAsync(second, 0, [ResultsBench.Quantity(ResultsBench.Potassium, 5.01m)]), HttpStatusCode.OK);
        var sodium = await bench.EnteredAsync(second, 1, ResultsBench.Quantity(ResultsBench.Sodium, 150m));

        ResultsBench.Flags(withinLimit).ShouldNotContain("delta", "a change of exactly the limit is not flagged");
        ResultsBench.Flags(beyond).ShouldContain("delta");
        var delta = ResultsBench.Result(beyond).GetProperty("delta");
        delta.GetProperty("previousValue").GetDecimal().ShouldBe(4.0m);
        delta.GetProperty("previousResultId").GetGuid().ShouldBe(ResultsBench.Result(earlier).Id());
        ResultsBench.Flags(sodium).ShouldNotContain("delta", "no earlier released sodium");
    }

    [Fact]
    public async Task The_enterer_cannot_verify_their_own_result_and_another_pathologist_releases_it()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync();
        var entered = await Json.ReadAsync(await bench.EnterAsync(order, 0, [ResultsBench.Quantity(ResultsBench.Potassium, 4.2m)], bench.Pathologist), HttpStatusCode.Created);

        var own = await ProblemAssertions.ShouldBeProblemAsync(await bench.VerifyAsync(entered.Id(), bench.Pathologist), HttpStatusCode.Forbidden);
        var byTechnician = await bench.VerifyAsync(entered.Id(), bench.Technician);
        var verified = await Json.ReadAsync(await bench.VerifyAsync(entered.Id(), bench.SecondPathologist), HttpStatusCode.OK);
        var again = await ProblemAssertions.ShouldBeProblemAsync(await bench.VerifyAsync(entered.Id(), bench.SecondPathologist), HttpStatusCode.Conflict);

        own.GetProperty("title").GetString().ShouldBe("The enterer cannot verify their own result.");
        byTechnician.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        verified.Status().ShouldBe("final");
        verified.GetProperty("resultsInterpreter").GetGuid().ShouldNotBe(verified.GetProperty("performer").GetGuid());
        verified.GetProperty("autoVerified").GetBoolean().ShouldBeFalse();
        verified.GetProperty("issued").ValueKind.ShouldBe(JsonValueKind.String);
        again.GetProperty("currentStatus").GetString().ShouldBe("final");
        var released = (await app.OutboxAsync(entered.Id(), "laboratory")).Single(e => e.Type == "LabResultsReleased").Payload;
        released.GetProperty("status").GetString().ShouldBe("final");
        released.GetProperty("verifiedBy").GetGuid().ShouldBe(verified.GetProperty("resultsInterpreter").GetGuid());
    }

    [Fact]
    public async Task Verifying_with_the_etag_of_values_re_entered_since_answers_412()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync();
        var id = (await bench.EnteredAsync(order, 0, ResultsBench.Quantity(ResultsBench.Potassium, 4.2m))).Id();
        var read = await bench.Pathologist.GetAsync($"{ResultsBench.ReportsPath}/{id}");
        var seen = read.Headers.ETag!;
        await Json.ReadAsync(await bench.EnterAsync(order, 0, [ResultsBench.Quantity(ResultsBench.Potassium, 5.4m)]), HttpStatusCode.OK);

        var stale = await bench.VerifyAsync(id, ifMatch: seen);
        var fresh = await bench.Pathologist.GetAsync($"{ResultsBench.ReportsPath}/{id}");
        var verified = await bench.VerifyAsync(id, ifMatch: fresh.Headers.ETag);

        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        fresh.Headers.ETag!.ShouldNotBe(seen);
        (await Json.ReadAsync(verified, HttpStatusCode.OK)).Status().ShouldBe("final");
    }

    [Fact]
    public async Task A_critical_result_is_released_with_its_critical_flag_and_completes_the_order_item()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync();

        var report = await bench.ReleasedAsync(order, 0, ResultsBench.Quantity(ResultsBench.Potassium, 6.8m));

        var observation = (await app.OutboxAsync(report.Id(), "laboratory")).Single(e => e.Type == "LabResultsReleased").Payload.GetProperty("observations")[0];
        observation.GetProperty("critical").GetBoolean().ShouldBeTrue();
        observation.GetProperty("interpretation").GetString().ShouldBe("criticalHigh");
        observation.GetProperty("value").GetString().ShouldBe("6.8");
        var placed = await EventuallyAsync(async () => (await bench.Desk.GetAsync(order.Id())).Order, o => Requisitions.ItemStatus(o, 0) == "completed");
        Requisitions.ItemStatus(placed, 0).ShouldBe("completed");
        Requisitions.ItemStatus(placed, 1).ShouldBe("inProgress", "collecting the specimen started the item");
    }

    [Fact]
    public async Task With_auto_verification_off_normal_results_wait_for_a_verifier()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync();

        var report = await bench.EnteredAsync(order, 0, ResultsBench.Quantity(ResultsBench.Potassium, 4.2m));

        report.Status().ShouldBe("preliminary");
        report.GetProperty("autoVerified").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task With_auto_verification_on_only_normal_unflagged_uncommented_results_are_released_at_once()
    {
        var bench = await ResultsBench.OpenAsync(app);
        await bench.Clinic.ConfigureAsync(new { features = new { labAutoVerification = true } });
        var order = await bench.ReceivedAsync();

        var normal = await bench.EnteredAsync(order, 0, ResultsBench.Quantity(ResultsBench.Potassium, 4.2m));
        var high = await bench.EnteredAsync(order, 1, ResultsBench.Quantity(ResultsBench.Sodium, 146m));
        var commented = await bench.ReceivedAsync();
        var withComment = await bench.EnteredAsync(commented, 0, ResultsBench.Quantity(ResultsBench.Potassium, 4.2m, comment: "Repeat advised"));

        normal.Status().ShouldBe("final");
        normal.GetProperty("autoVerified").GetBoolean().ShouldBeTrue();
        normal.GetProperty("resultsInterpreter").ValueKind.ShouldBe(JsonValueKind.Null);
        high.Status().ShouldBe("preliminary");
        withComment.Status().ShouldBe("preliminary");
        var released = (await app.OutboxAsync(normal.Id(), "laboratory")).Single(e => e.Type == "LabResultsReleased").Payload;
        released.GetProperty("verifiedBy").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_correction_is_a_new_version_that_keeps_the_released_one_readable_and_tells_the_ordering_doctor()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync();
        var released = await bench.ReleasedAsync(order, 0, ResultsBench.Quantity(ResultsBench.Potassium, 6.8m));
        var id = released.Id();

        var noReason = await ProblemAssertions.ShouldBeProblemAsync(await bench.CorrectAsync(id, " ", [ResultsBench.Quantity(ResultsBench.Potassium, 4.4m)]), HttpStatusCode.BadRequest);
        var corrected = await Json.ReadAsync(
            await bench.CorrectAsync(id, "Haemolysed specimen: re-run on a fresh sample", [ResultsBench.Quantity(ResultsBench.Potassium, 4.4m)]), HttpStatusCode.Created);

        noReason.GetProperty("errors").GetProperty("reason").GetArrayLength().ShouldBe(1);
        corrected.Status().ShouldBe("corrected");
        corrected.GetProperty("corrected").GetBoolean().ShouldBeTrue();
        corrected.GetProperty("version").GetInt32().ShouldBe(2);
        corrected.GetProperty("correctionReason").GetString().ShouldBe("Haemolysed specimen: re-run on a fresh sample");
        ResultsBench.Interpretation(corrected).ShouldBe("normal");

        var current = await bench.GetAsync($"{ResultsBench.ReportsPath}/{id}");
        current.GetProperty("version").GetInt32().ShouldBe(2);
        current.GetProperty("previousVersions")[0].GetProperty("href").GetString().ShouldBe($"{ResultsBench.ReportsPath}/{id}?version=1");
        var first = await bench.GetAsync($"{ResultsBench.ReportsPath}/{id}?version=1");
        first.Status().ShouldBe("final");
        first.GetProperty("isCurrent").GetBoolean().ShouldBeFalse();
        ResultsBench.Result(first).GetProperty("value").GetString().ShouldBe("6.8");
        var versions = await bench.GetAsync($"{ResultsBench.ReportsPath}/{id}/versions");
        versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ShouldBe([2, 1]);

        var events = (await app.OutboxAsync(id, "laboratory")).Where(e => e.Type == "LabResultsReleased").Select(e => e.Payload).ToList();
        events.Select(e => (e.GetProperty("status").GetString(), e.GetProperty("version").GetInt32())).ShouldBe([("final", 1), ("corrected", 2)]);
        var told = await bench.GetAsync($"/api/v1/notifications?recipient={bench.Desk.DoctorUser}", bench.Clinic.Staff);
        told.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("templateKey").GetString()).ShouldContain("lab.result.corrected");
        var laterCorrection = await bench.CorrectAsync(id, "Second correction", [ResultsBench.Quantity(ResultsBench.Potassium, 4.5m)]);
        (await Json.ReadAsync(laterCorrection, HttpStatusCode.Created)).GetProperty("version").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task A_preliminary_report_is_not_corrected_but_re_entered()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync();
        var entered = await bench.EnteredAsync(order, 0, ResultsBench.Quantity(ResultsBench.Potassium, 4.2m));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            await bench.CorrectAsync(entered.Id(), "Typo", [ResultsBench.Quantity(ResultsBench.Potassium, 4.3m)]), HttpStatusCode.Conflict);

        problem.GetProperty("currentStatus").GetString().ShouldBe("preliminary");
    }

    [Fact]
    public async Task Reports_are_listed_newest_first_by_patient_order_and_status()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync();
        var potassium = await bench.ReleasedAsync(order, 0, ResultsBench.Quantity(ResultsBench.Potassium, 4.2m));
        var sodium = await bench.EnteredAsync(order, 1, ResultsBench.Quantity(ResultsBench.Sodium, 140m));
        var patient = potassium.GetProperty("subject").GetGuid();

        var byPatient = await bench.GetAsync($"{ResultsBench.ReportsPath}?patientId={patient}");
        var finals = await bench.GetAsync($"{ResultsBench.ReportsPath}?orderId={order.Id()}&status=final");
        var paged = await bench.GetAsync($"{ResultsBench.ReportsPath}?orderId={order.Id()}&limit=1");
        var next = await bench.GetAsync($"{ResultsBench.ReportsPath}?orderId={order.Id()}&limit=1&cursor={Uri.EscapeDataString(paged.GetProperty("nextCursor").GetString()!)}");
        var badStatus = await bench.Desk.Doctor.GetAsync($"{ResultsBench.ReportsPath}?status=done");

        byPatient.GetProperty("items").EnumerateArray().Select(r => r.Id()).ShouldBe([sodium.Id(), potassium.Id()]);
        finals.GetProperty("items").EnumerateArray().Select(r => r.Id()).ShouldBe([potassium.Id()]);
        paged.GetProperty("items")[0].Id().ShouldBe(sodium.Id());
        next.GetProperty("items")[0].Id().ShouldBe(potassium.Id());
        badStatus.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_tenant_neither_reads_nor_enters_results()
    {
        var bench = await ResultsBench.OpenAsync(app);
        var other = await ResultsBench.OpenAsync(app);
        var order = await bench.ReceivedAsync();
        var report = await bench.EnteredAsync(order, 0, ResultsBench.Quantity(ResultsBench.Potassium, 4.2m));

        (await other.Desk.Doctor.GetAsync($"{ResultsBench.ReportsPath}/{report.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.VerifyAsync(report.Id())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.EnterAsync(order, 0, [ResultsBench.Quantity(ResultsBench.Potassium, 4.3m)])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"{ResultsBench.ReportsPath}?orderId={order.Id()}")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await other.EnterAsync(order, 0, [ResultsBench.Quantity(ResultsBench.Potassium, 4.3m)])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Desk.Doctor.GetAsync($"{ResultsBench.ReportsPath}/{report.Id()}/versions")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.CorrectAsync(report.Id(), "Not theirs", [ResultsBench.Quantity(ResultsBench.Potassium, 4.3m)])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"{ResultsBench.ReportsPath}?orderId={order.Id()}")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await bench.GetAsync($"{ResultsBench.ReportsPath}/{report.Id()}")).GetProperty("results")[0].GetProperty("value").GetString().ShouldBe("4.2");
    }

    private static Dictionary<string, string[]> Errors(JsonElement problem) => problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (until(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class LabResultsTests_on_Postgres(ClinicalPostgresApp app) : LabResultsTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class LabResultsTests_on_Sqlite(ClinicalSqliteApp app) : LabResultsTests(app);
