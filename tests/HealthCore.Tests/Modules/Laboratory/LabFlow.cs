using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>
/// The laboratory's steps before results, over the real API, for tests of what comes after them. Every test that
/// needs received specimens goes through <see cref="ReceiveAsync"/>.
/// </summary>
internal static partial class LabFlow
{
    /// <summary>
    /// Collects one specimen for every item of the order awaiting collection (now, by the clinic's Lab Technician) and
    /// receives it in the laboratory; the specimen as received.
    /// </summary>
    public static async Task<JsonElement> ReceiveAsync(Clinic clinic, Guid orderId, HttpClient? technician = null)
    {
        technician ??= clinic.As("LabTechnician");
        var specimen = await Json.ReadAsync(await technician.PostAsJsonAsync($"/api/v1/lab/orders/{orderId}/specimens", new { site = "Left antecubital vein" }), HttpStatusCode.Created);
        return await Json.ReadAsync(
            await technician.PostAsJsonAsync($"/api/v1/lab/specimens/{specimen.Id()}/receive", new { condition = "satisfactory" }), HttpStatusCode.OK);
    }
}
