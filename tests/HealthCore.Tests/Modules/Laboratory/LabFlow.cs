using HealthCore.Modules.Laboratory;
using HealthCore.Platform.Security;
using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>
/// The laboratory's steps before results, for tests of what comes after them. Every test that needs received
/// specimens goes through <see cref="ReceiveAsync"/>, so that it is the one place to change when the steps change.
/// </summary>
internal static class LabFlow
{
    /// <summary>
    /// Takes every open item of the order to Received, its specimen collected at <paramref name="collectedAt"/>.
    /// For now it writes the stage directly (the lab request taken in through <see cref="LabRequestIntake"/>, items set
    /// to Received with their collection and receipt times); with the specimen endpoints it becomes
    /// POST /api/v1/lab/orders/{orderId}/specimens {collectedAt} and POST /api/v1/lab/specimens/{id}/receive as the clinic's LabTechnician.
    /// </summary>
    public static async Task ReceiveAsync(ClinicalApp app, Clinic clinic, Guid orderId, DateTimeOffset collectedAt)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(clinic.TenantId, null);
        var request = await scope.ServiceProvider.GetRequiredService<LabRequestIntake>().FindAsync(orderId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Order {orderId} is no laboratory request of the clinic.");
        var now = app.Now;
        foreach (var item in request.Items.Where(i => i.Status == LabItemStatus.AwaitingCollection))
        {
            item.Status = LabItemStatus.Received;
            item.CollectedAt = collectedAt;
            item.ReceivedAt = collectedAt > now ? collectedAt : now;
            item.StatusChangedAt = now;
        }

        request.Settle(now);
        await scope.ServiceProvider.GetRequiredService<LaboratoryDb>().SaveChangesAsync();
    }
}
