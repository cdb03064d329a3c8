using System.Text.Json;
using HealthCore.Modules.Laboratory;
using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Orders;
using HealthCore.Tests.Modules.Scheduling;
using static HealthCore.Tests.Modules.Laboratory.LabFlow;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>Critical values: the alert a released critical result opens, its acknowledgement with read-back, its escalation.</summary>
public abstract class LabCriticalTests(ClinicalApp app)
{
    private static readonly string[] OwnGroups = [" /api/v1/lab/results/", " /api/v1/lab/critical/", " /api/v1/lab/turnaround/"];

    [Fact]
    public async Task A_released_critical_result_opens_one_alert_and_tells_the_ordering_practitioner()
    {
        var desk = await Requisitions.OpenAsync(app);
        var order = await desk.InStatusAsync("active");

        var released = await ReleaseCriticalAsync(app, desk, order);
        var alert = await EventuallyAlertAsync(desk.Doctor, released);

        alert.GetProperty("orderId").GetGuid().ShouldBe(order.Id());
        alert.GetProperty("itemId").GetGuid().ShouldBe(released.ItemId);
        alert.GetProperty("reportId").GetGuid().ShouldBe(released.ReportId);
        alert.GetProperty("code").GetString().ShouldBe("2823-3");
        alert.GetProperty("value").GetString().ShouldBe("6.8");
        alert.GetProperty("unit").GetString().ShouldBe("mmol/L");
        alert.GetProperty("interpretation").GetString().ShouldBe("criticalHigh");
        alert.Status().ShouldBe("open");
        alert.GetProperty("level").GetInt32().ShouldBe(0);
        alert.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(released.ReleasedAt.AddMinutes(30), TimeSpan.FromMilliseconds(1));
        alert.GetProperty("acknowledgement").ValueKind.ShouldBe(JsonValueKind.Null);
        (await ListAsync(desk.Doctor, $"patientId={released.PatientId}")).Count.ShouldBe(1, "the normal sodium opens nothing");
        var told = await Inbox.EventuallySingleAsync(desk.Visits, desk.DoctorUser);
        told.GetProperty("templateKey").GetString().ShouldBe("lab.result.critical");
        told.GetRawText().ShouldContain("6.8");
    }

    [Fact]
    public async Task A_redelivered_release_opens_nothing_new_and_tells_nobody_again()
    {
        var desk = await Requisitions.OpenAsync(app);
        var released = await ReleaseCriticalAsync(app, desk, await desk.InStatusAsync("active"));
        var alert = await EventuallyAlertAsync(desk.Doctor, released);

        await app.DeliverAsync<LabResultsReleased, OpenCriticalAlerts>(desk.Visits.Clinic.TenantId, released);

        (await ListAsync(desk.Doctor, $"patientId={released.PatientId}")).Select(a => a.Id()).ShouldBe([alert.Id()]);
        (await Inbox.OfAsync(desk.Visits, desk.DoctorUser)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Acknowledging_records_who_when_how_and_the_read_back_and_a_second_acknowledgement_is_a_409()
    {
        var desk = await Requisitions.OpenAsync(app);
        var released = await ReleaseCriticalAsync(app, desk, await desk.InStatusAsync("active"));
        await EventuallyAlertAsync(desk.Doctor, released);

        var acknowledged = await Json.ReadAsync(
            await AcknowledgeAsync(desk.Doctor, CriticalResult(released), new { readBack = " K 6.8 mmol/L ", method = "inPerson", communicatedTo = "Dr Rae" }), HttpStatusCode.OK);
        var again = await ProblemAssertions.ShouldBeProblemAsync(await AcknowledgeAsync(desk.Doctor, CriticalResult(released)), HttpStatusCode.Conflict);

        acknowledged.Status().ShouldBe("acknowledged");
        acknowledged.GetProperty("dueAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var by = acknowledged.GetProperty("acknowledgement");
        by.GetProperty("userId").GetGuid().ShouldBe(desk.DoctorUser);
        by.GetProperty("practitionerId").GetGuid().ShouldBe(desk.Requester);
        by.GetProperty("method").GetString().ShouldBe("inPerson");
        by.GetProperty("readBack").GetString().ShouldBe("K 6.8 mmol/L");
        by.GetProperty("communicatedTo").GetString().ShouldBe("Dr Rae");
        by.GetProperty("at").GetDateTimeOffset().ShouldBe(app.Now, TimeSpan.FromMinutes(1));
        again.GetProperty("rule").GetString().ShouldBe("critical-already-acknowledged");
        (await ListAsync(desk.Doctor, $"status=open&patientId={released.PatientId}")).ShouldBeEmpty();
        (await ListAsync(desk.Doctor, $"status=acknowledged&patientId={released.PatientId}")).ShouldHaveSingleItem()
            .GetProperty("acknowledgement").GetProperty("readBack").GetString().ShouldBe("K 6.8 mmol/L");
    }

    [Fact]
    public async Task Another_tenants_result_is_a_404_a_lab_technician_may_not_acknowledge_and_a_bad_body_names_its_fields()
    {
        var desk = await Requisitions.OpenAsync(app);
        var released = await ReleaseCriticalAsync(app, desk, await desk.InStatusAsync("active"));
        await EventuallyAlertAsync(desk.Doctor, released);

        await ProblemAssertions.ShouldBeProblemAsync(await AcknowledgeAsync(app.NewClinic().As("Doctor"), CriticalResult(released)), HttpStatusCode.NotFound);
        await ProblemAssertions.ShouldBeProblemAsync(await AcknowledgeAsync(desk.Doctor, Guid.CreateVersion7()), HttpStatusCode.NotFound);
        (await AcknowledgeAsync(desk.Performer, CriticalResult(released))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await LabApi.ErrorsAsync(await AcknowledgeAsync(desk.Doctor, CriticalResult(released), new { readBack = "  ", method = "phone" }))).Keys.ShouldBe(["readBack"]);
        (await LabApi.ErrorsAsync(await AcknowledgeAsync(desk.Doctor, CriticalResult(released), new { readBack = "6.8", method = "carrierPigeon" }))).Keys.ShouldBe(["method"]);
        (await LabApi.ErrorsAsync(await AcknowledgeAsync(desk.Doctor, CriticalResult(released), new { method = "phone" }))).Keys.ShouldBe(["readBack"]);
        (await ListAsync(desk.Doctor, $"status=open&patientId={released.PatientId}")).ShouldHaveSingleItem();
        await ProblemAssertions.ShouldBeProblemAsync(await desk.Doctor.GetAsync($"{CriticalPath}?status=closed"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unacknowledged_for_30_minutes_it_escalates_to_the_department_and_after_another_30_to_the_pathologists()
    {
        var desk = await Requisitions.OpenAsync(app);
        var nurse = await MemberAsync(desk.Visits, desk.Visits.Department);
        var pathologist = await desk.Visits.Clinic.Staff.NewUserAsync("Pathologist");
        var released = await ReleaseCriticalAsync(app, desk, await desk.InStatusAsync("active"));
        await EventuallyAlertAsync(desk.Doctor, released);

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        await EscalateAsync(app);
        var notYet = await EventuallyAlertAsync(desk.Doctor, released);
        (await Inbox.OfAsync(desk.Visits, nurse)).ShouldBeEmpty();

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await EscalateAsync(app);
        var first = await EventuallyAlertAsync(desk.Doctor, released);
        var nurseTold = await Inbox.EventuallySingleAsync(desk.Visits, nurse);
        (await Inbox.OfAsync(desk.Visits, pathologist)).ShouldBeEmpty();

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await EscalateAsync(app);
        var second = await EventuallyAlertAsync(desk.Doctor, released);
        var pathologistTold = await Inbox.EventuallySingleAsync(desk.Visits, pathologist);

        notYet.GetProperty("level").GetInt32().ShouldBe(0);
        notYet.GetProperty("minutesOpen").GetInt32().ShouldBe(29);
        first.GetProperty("level").GetInt32().ShouldBe(1);
        first.GetProperty("levelName").GetString().ShouldBe("department");
        first.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(first.GetProperty("escalations")[1].GetProperty("at").GetDateTimeOffset().AddMinutes(30));
        nurseTold.GetProperty("templateKey").GetString().ShouldBe("lab.critical.escalated");
        second.GetProperty("level").GetInt32().ShouldBe(2);
        second.GetProperty("levelName").GetString().ShouldBe("laboratoryOnCall");
        second.GetProperty("dueAt").ValueKind.ShouldBe(JsonValueKind.Null);
        second.GetProperty("escalations").EnumerateArray().Select(e => e.GetProperty("level").GetInt32()).ShouldBe([0, 1, 2]);
        second.GetProperty("escalations").EnumerateArray().Select(e => e.GetProperty("told").GetInt32()).ShouldAllBe(told => told >= 1);
        pathologistTold.GetProperty("templateKey").GetString().ShouldBe("lab.critical.escalated");
        (await Inbox.OfAsync(desk.Visits, desk.DoctorUser)).Count.ShouldBe(1, "the ordering practitioner was told once, at release");
        (await ListAsync(desk.Doctor, $"status=open&patientId={released.PatientId}")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task An_acknowledged_alert_never_escalates()
    {
        var desk = await Requisitions.OpenAsync(app);
        var nurse = await MemberAsync(desk.Visits, desk.Visits.Department);
        var released = await ReleaseCriticalAsync(app, desk, await desk.InStatusAsync("active"));
        await EventuallyAlertAsync(desk.Doctor, released);
        await Json.ReadAsync(await AcknowledgeAsync(desk.Doctor, CriticalResult(released)), HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await EscalateAsync(app);

        var alert = await EventuallyAlertAsync(desk.Doctor, released);
        alert.GetProperty("level").GetInt32().ShouldBe(0);
        alert.GetProperty("escalations").GetArrayLength().ShouldBe(1);
        (await Inbox.OfAsync(desk.Visits, nurse)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_tenant_and_a_user_of_another_facility_get_404_from_acknowledgement_and_see_no_alert_or_turnaround()
    {
        var desk = await Requisitions.OpenAsync(app);
        var released = await ReleaseCriticalAsync(app, desk, await desk.InStatusAsync("active"));
        await EventuallyAlertAsync(desk.Doctor, released);
        await SetStagesAsync(app, desk, await desk.InStatusAsync("active"), 0, new Stages(10, 20, 30, 40, Target: 60));

        // Acknowledged first, so that the watched list (minutes open) is the same before and after the probes.
        await Json.ReadAsync(await AcknowledgeAsync(desk.Doctor, CriticalResult(released)), HttpStatusCode.OK);
        const string roles = "Admin,Doctor,Nurse,Pathologist";
        var outsider = desk.Visits.Clinic.AssignedTo(roles, (await desk.Visits.DepartmentElsewhereAsync()).Facility);
        await IsolationAsync(desk, released, TenantIsolation.Between(desk.Visits.Care, app.NewClinic().As(roles)));
        await IsolationAsync(desk, released, TenantIsolation.BetweenFacilities(desk.Visits.Care, outsider));

        (await Json.ReadAsync(await desk.Visits.Care.GetAsync($"/api/v1/lab/turnaround?{Period()}"), HttpStatusCode.OK)).GetProperty("items").GetInt32()
            .ShouldBe(2, "the critical potassium verified through the workflow and the item with set stages");
        (await Json.ReadAsync(await outsider.GetAsync($"/api/v1/lab/turnaround?{Period()}"), HttpStatusCode.OK)).GetProperty("items").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task The_open_list_is_oldest_first_and_pages_with_a_cursor()
    {
        var desk = await Requisitions.OpenAsync(app);
        var first = await ReleaseCriticalAsync(app, desk, await desk.InStatusAsync("active"));
        var firstAlert = await EventuallyAlertAsync(desk.Doctor, first);
        var second = await ReleaseCriticalAsync(app, desk, await desk.InStatusAsync("active"));
        var secondAlert = await EventuallyAlertAsync(desk.Doctor, second);

        var page = await Json.ReadAsync(await desk.Doctor.GetAsync($"{CriticalPath}?status=open&limit=1"), HttpStatusCode.OK);
        var next = await Json.ReadAsync(
            await desk.Doctor.GetAsync($"{CriticalPath}?status=open&limit=1&cursor={page.GetProperty("nextCursor").GetString()}"), HttpStatusCode.OK);

        page.GetProperty("items").EnumerateArray().Select(a => a.Id()).ShouldBe([firstAlert.Id()]);
        next.GetProperty("items").EnumerateArray().Select(a => a.Id()).ShouldBe([secondAlert.Id()]);
        next.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private async Task IsolationAsync(Requisitions desk, LabResultsReleased released, TenantIsolation isolation)
    {
        var result = CriticalResult(released);
        await isolation
            .CoveringEvery(ModuleEndpoints.Of(app.Services, typeof(LaboratoryDb).Namespace!).Where(e => OwnGroups.Any(group => e.ToString().Contains(group, StringComparison.Ordinal))))
            .Watching($"{CriticalPath}?patientId={released.PatientId}")
            .Post($"/api/v1/lab/results/{result}/acknowledge", new { readBack = "6.8", method = "phone" })
            .ListWithout($"{CriticalPath}?patientId={released.PatientId}", result)
            .ListWithout($"{CriticalPath}?status=acknowledged", result)
            .ListWithout($"/api/v1/lab/turnaround?{Period()}", desk.Encounter)
            .ShouldHoldAsync();
    }

    private string Period() => $"from={Uri.EscapeDataString(app.Now.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(app.Now.AddDays(1).ToString("O"))}";
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class LabCriticalTests_on_Postgres(ClinicalPostgresApp app) : LabCriticalTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class LabCriticalTests_on_Sqlite(ClinicalSqliteApp app) : LabCriticalTests(app);
