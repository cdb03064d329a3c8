using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>The notifications a user of the visits' tenant was sent, as the Admin sees them.</summary>
internal static class Inbox
{
    public static async Task<List<JsonElement>> OfAsync(Visits visits, Guid user) =>
        [.. (await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/notifications?recipient={user}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    /// <summary>The one notification the user is sent, waiting for it (alerts arrive through the outbox in the background).</summary>
    public static async Task<JsonElement> EventuallySingleAsync(Visits visits, Guid user)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var items = await OfAsync(visits, user);
            if (items.Count > 0 || DateTime.UtcNow > deadline)
            {
                return items.ShouldHaveSingleItem();
            }

            await Task.Delay(200);
        }
    }
}
