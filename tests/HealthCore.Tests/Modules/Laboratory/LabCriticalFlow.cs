using System.Globalization;
using System.Text.Json;
using HealthCore.Modules.Laboratory;
using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Platform.Events;
using HealthCore.Platform.Security;
using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Orders;
using HealthCore.Tests.Modules.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>
/// Critical results through the real workflow (<see cref="ReleaseCriticalAsync"/>: collect, receive, enter, verify
/// over HTTP), and the fixture <see cref="SetStagesAsync"/>, which writes an item's stage times at chosen minutes
/// after the order straight into LaboratoryDb so that turnaround arithmetic can be checked without waiting hours.
/// </summary>
internal static partial class LabFlow
{
    public const string CriticalPath = "/api/v1/lab/critical";

    /// <summary>
    /// Takes the order's first item (potassium) through collection, receipt, entry of <paramref name="value"/> mmol/L
    /// by the clinic's Lab Technician and verification by a Pathologist, and returns the LabResultsReleased the
    /// verification published.
    /// </summary>
    public static async Task<LabResultsReleased> ReleaseCriticalAsync(ClinicalApp app, Requisitions desk, JsonElement order, string value = "6.8")
    {
        var orderId = order.Id();
        await ReceiveAsync(desk.Visits.Clinic, orderId, desk.Performer);
        var report = await Json.ReadAsync(
            await desk.Performer.PostAsJsonAsync($"/api/v1/lab/orders/{orderId}/results", new
            {
                itemId = Requisitions.ItemId(order, 0),
                results = new[] { new { code = "2823-3", valueQuantity = new { value = decimal.Parse(value, CultureInfo.InvariantCulture), unit = "mmol/L" } } },
            }),
            HttpStatusCode.Created);
        var pathologist = desk.Visits.Clinic.As("Pathologist", Guid.CreateVersion7());
        await Json.ReadAsync(await pathologist.PostAsJsonAsync($"/api/v1/lab/reports/{report.Id()}/verify", new { }), HttpStatusCode.OK);
        var released = (await app.OutboxAsync(orderId, "laboratory")).Where(e => e.Type.EndsWith(nameof(LabResultsReleased), StringComparison.Ordinal)).ToList();
        return released.ShouldHaveSingleItem().Payload.Deserialize<LabResultsReleased>(EventSerialization.Options)!;
    }

    /// <summary>The critical result of a released event (its first observation).</summary>
    public static Guid CriticalResult(LabResultsReleased released) => released.Observations[0].ResultId;

    /// <summary>The alert of the result, waiting for the outbox to deliver the release.</summary>
    public static async Task<JsonElement> EventuallyAlertAsync(HttpClient client, LabResultsReleased released)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var alerts = await ListAsync(client, $"patientId={released.PatientId}");
            var alert = alerts.Where(a => a.GetProperty("resultId").GetGuid() == CriticalResult(released)).ToList();
            if (alert.Count > 0 || DateTime.UtcNow > deadline)
            {
                return alert.ShouldHaveSingleItem();
            }

            await Task.Delay(100);
        }
    }

    public static async Task<List<JsonElement>> ListAsync(HttpClient client, string query) =>
        [.. (await Json.ReadAsync(await client.GetAsync($"{CriticalPath}?{query}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    public static Task<HttpResponseMessage> AcknowledgeAsync(HttpClient client, Guid resultId, object? body = null) =>
        client.PostAsJsonAsync($"/api/v1/lab/results/{resultId}/acknowledge", body ?? new { readBack = "Potassium 6.8", method = "phone" });

    /// <summary>One escalation pass at the app's (test) clock.</summary>
    public static Task<int> EscalateAsync(ClinicalApp app) => app.Services.GetRequiredService<CriticalEscalation>().RunOnceAsync(CancellationToken.None);

    /// <summary>A user with <paramref name="role"/> linked to a practitioner (physician or nurse) who is a member of the department.</summary>
    public static async Task<Guid> MemberAsync(Visits visits, Guid department, string role = "Nurse")
    {
        var user = await visits.Clinic.Staff.NewUserAsync(role);
        await Json.ReadAsync(
            await visits.Clinic.Staff.PostAsJsonAsync("/api/v1/practitioners", new
            {
                name = new { family = "Member", given = new[] { "Dept" } },
                role = role == "Nurse" ? "nurse" : "physician",
                userId = user,
                departments = new[] { new { departmentId = department } },
            }),
            HttpStatusCode.Created);
        return user;
    }

    /// <summary>Minutes after the order was placed at which an item was collected, received, resulted and verified.</summary>
    public sealed record Stages(int Collected, int Received, int Resulted, int Verified, int? Target);

    /// <summary>Marks the item final with the given stage times (from the request's ordered time) and turnaround target.</summary>
    public static async Task SetStagesAsync(ClinicalApp app, Requisitions desk, JsonElement order, int index, Stages stages)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(desk.Visits.Clinic.TenantId, null);
        var request = await scope.ServiceProvider.GetRequiredService<LabRequestIntake>().FindAsync(order.Id(), CancellationToken.None);
        var ordered = request.ShouldNotBeNull().OrderedAt;
        var itemId = Requisitions.ItemId(order, index);
        var db = scope.ServiceProvider.GetRequiredService<LaboratoryDb>();
        (await db.RequestItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.Status, LabItemStatus.Final)
            .SetProperty(i => i.CollectedAt, ordered.AddMinutes(stages.Collected))
            .SetProperty(i => i.ReceivedAt, ordered.AddMinutes(stages.Received))
            .SetProperty(i => i.ResultedAt, ordered.AddMinutes(stages.Resulted))
            .SetProperty(i => i.VerifiedAt, ordered.AddMinutes(stages.Verified))
            .SetProperty(i => i.TargetMinutes, stages.Target))).ShouldBe(1);
    }
}
