using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Orders;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>
/// One test's laboratory: the ordering clinic of <see cref="Requisitions"/>, a technician and two pathologists with
/// user ids, and calls for placed orders with received specimens, result entry, verification and corrections.
/// </summary>
internal sealed class LabBench
{
    public const string Potassium = "2823-3";
    public const string Sodium = "2951-2";
    public const string ReportsPath = "/api/v1/lab/reports";

    private readonly ClinicalApp app;

    private LabBench(ClinicalApp app, Requisitions desk)
    {
        this.app = app;
        Desk = desk;
        Clinic = desk.Visits.Clinic;
        Technician = Clinic.As("LabTechnician", Guid.CreateVersion7());
        Pathologist = Clinic.As("Pathologist", Guid.CreateVersion7());
        SecondPathologist = Clinic.As("Pathologist", Guid.CreateVersion7());
    }

    public Requisitions Desk { get; }

    public Clinic Clinic { get; }

    public HttpClient Technician { get; }

    public HttpClient Pathologist { get; }

    public HttpClient SecondPathologist { get; }

    public static async Task<LabBench> OpenAsync(ClinicalApp app) => new(app, await Requisitions.OpenAsync(app));

    public static object Quantity(string code, decimal value, string unit = "mmol/L", string? comment = null) =>
        new { code, valueQuantity = new { value, unit }, comment };

    /// <summary>A placed order (potassium and sodium unless <paramref name="extra"/> says otherwise) whose specimens were collected at <paramref name="collectedAt"/> and received.</summary>
    public async Task<JsonElement> ReceivedAsync(object? extra = null, DateTimeOffset? collectedAt = null)
    {
        var order = await Desk.DraftAsync(Json.Merge(new { status = "active", acknowledgeDuplicate = true }, extra));
        await LabFlow.ReceiveAsync(app, Clinic, order.Id(), collectedAt ?? app.Now.AddHours(-1));
        return order;
    }

    public Task<HttpResponseMessage> EnterAsync(JsonElement order, int item, object[] results, HttpClient? client = null, string? comment = null) =>
        (client ?? Technician).PostAsJsonAsync($"/api/v1/lab/orders/{order.Id()}/results", new { itemId = Requisitions.ItemId(order, item), results, comment });

    public async Task<JsonElement> EnteredAsync(JsonElement order, int item, params object[] results) =>
        await Json.ReadAsync(await EnterAsync(order, item, results), HttpStatusCode.Created);

    public async Task<HttpResponseMessage> VerifyAsync(Guid report, HttpClient? client = null, EntityTagHeaderValue? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{ReportsPath}/{report}/verify") { Content = JsonContent.Create(new { }) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await (client ?? Pathologist).SendAsync(request);
    }

    /// <summary>Results entered by the technician and verified by the pathologist: the released report.</summary>
    public async Task<JsonElement> ReleasedAsync(JsonElement order, int item, params object[] results)
    {
        var entered = await EnteredAsync(order, item, results);
        return await Json.ReadAsync(await VerifyAsync(entered.Id()), HttpStatusCode.OK);
    }

    public Task<HttpResponseMessage> CorrectAsync(Guid report, string? reason, object[] results, HttpClient? client = null) =>
        (client ?? Pathologist).PostAsJsonAsync($"{ReportsPath}/{report}/correct", new { reason, results });

    public async Task<JsonElement> GetAsync(string path, HttpClient? client = null) => await Json.ReadAsync(await (client ?? Desk.Doctor).GetAsync(path), HttpStatusCode.OK);

    /// <summary>A patient born on <paramref name="birthDate"/> in consultation, and the order body fields that order for them.</summary>
    public async Task<object> PatientBornAsync(DateOnly birthDate, string gender = "female")
    {
        var patient = (await Json.ReadAsync(
            await Clinic.Staff.PostAsJsonAsync("/api/v1/patients", new
            {
                name = new { family = string.Concat(Guid.NewGuid().ToString("N").Take(12).Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))), given = new[] { "Kim" } },
                birthDate = birthDate.ToString("yyyy-MM-dd"),
                gender,
                confirmNotDuplicate = true,
            }),
            HttpStatusCode.Created)).Id();
        return new { encounterId = await Desk.Visits.InStatusAsync("inConsultation", new { patientId = patient }) };
    }

    public static JsonElement Result(JsonElement report, int index = 0) => report.GetProperty("results")[index];

    public static string? Interpretation(JsonElement report, int index = 0) => Result(report, index).GetProperty("interpretation").GetString();

    public static List<string> Flags(JsonElement report, int index = 0) => [.. Result(report, index).GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)];
}
