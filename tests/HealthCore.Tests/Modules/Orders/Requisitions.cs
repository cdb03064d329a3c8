using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Tests.Modules.Clinical;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Orders;

/// <summary>
/// One test's ordering clinic: the outpatient visits of <see cref="Visits"/> with an encounter in consultation, the
/// doctor's user linked to a practitioner (the default requester), a laboratory department that performs, and helpers
/// that write orders and take them through their steps over the real API.
/// </summary>
internal sealed class Requisitions
{
    public const string Loinc = "http://loinc.org";

    private readonly ClinicalApp app;

    private Requisitions(ClinicalApp app, Visits visits, Guid doctorUser, Guid encounter, Guid requester, Guid laboratory)
    {
        this.app = app;
        Visits = visits;
        DoctorUser = doctorUser;
        Doctor = visits.Clinic.As("Doctor", doctorUser);
        Encounter = encounter;
        Requester = requester;
        Laboratory = laboratory;
        Performer = visits.Clinic.As("LabTechnician");
    }

    public Visits Visits { get; }

    public Guid Encounter { get; }

    /// <summary>A doctor's user account, linked to <see cref="Requester"/>.</summary>
    public Guid DoctorUser { get; }

    /// <summary>The practitioner linked to <see cref="DoctorUser"/>.</summary>
    public Guid Requester { get; }

    public Guid Laboratory { get; }

    public HttpClient Doctor { get; }

    public HttpClient Performer { get; }

    public static async Task<Requisitions> OpenAsync(ClinicalApp app)
    {
        var visits = await Visits.OpenAsync(app);
        var doctorUser = await visits.Clinic.Staff.NewUserAsync();
        var requester = await visits.Clinic.NewPractitionerAsync(doctorUser);
        var encounter = await visits.InStatusAsync("inConsultation");
        return new Requisitions(app, visits, doctorUser, encounter, requester, await visits.Clinic.NewDepartmentAsync());
    }

    public static object Test(string code, string display = "Test") => new { system = Loinc, code, display };

    public Dictionary<string, object?> Body(object? extra = null) =>
        Json.Merge(
            new
            {
                encounterId = Encounter,
                category = "laboratory",
                priority = "urgent",
                items = new[] { Test("2823-3", "Potassium"), Test("2951-2", "Sodium") },
                reason = new { text = "On furosemide, weak", codes = new[] { new { system = "http://snomed.info/sct", code = "13791008", display = "Asthenia" } } },
                note = "Patient is needle-phobic",
                specimenRequirements = "Serum, no haemolysis",
                performerDepartmentId = Laboratory,
            },
            extra);

    public Task<HttpResponseMessage> WriteAsync(object? extra = null, HttpClient? client = null) =>
        (client ?? Doctor).PostAsJsonAsync("/api/v1/orders", Body(extra));

    public async Task<JsonElement> DraftAsync(object? extra = null, HttpClient? client = null) =>
        await Json.ReadAsync(await WriteAsync(extra, client), HttpStatusCode.Created);

    public Task<HttpResponseMessage> ActAsync(Guid order, string action, HttpClient? client = null, object? body = null) =>
        (client ?? Doctor).PostAsJsonAsync($"/api/v1/orders/{order}/{action}", body ?? BodyOf(action));

    public async Task<JsonElement> ActedAsync(Guid order, string action, HttpClient? client = null, object? body = null) =>
        await Json.ReadAsync(await ActAsync(order, action, client, body), HttpStatusCode.OK);

    public Task<HttpResponseMessage> ItemAsync(JsonElement order, int index, string action, HttpClient? client = null) =>
        (client ?? Performer).PostAsJsonAsync(
            $"/api/v1/orders/{order.Id()}/items/{ItemId(order, index)}/{action}", action == "cancel" ? new { reason = "Not needed any more" } : (object)new { });

    public async Task<JsonElement> ItemActedAsync(JsonElement order, int index, string action, HttpClient? client = null) =>
        await Json.ReadAsync(await ItemAsync(order, index, action, client), HttpStatusCode.OK);

    public async Task<(JsonElement Order, EntityTagHeaderValue ETag)> GetAsync(Guid order, HttpClient? client = null)
    {
        var response = await (client ?? Doctor).GetAsync($"/api/v1/orders/{order}");
        return (await Json.ReadAsync(response, HttpStatusCode.OK), response.Headers.ETag!);
    }

    public Task<HttpResponseMessage> PatchAsync(Guid order, string json, EntityTagHeaderValue etag, HttpClient? client = null) =>
        (client ?? Doctor).SendAsync(MergePatchRequest.Create($"/api/v1/orders/{order}", json, etag));

    public async Task<List<JsonElement>> ListAsync(string query, HttpClient? client = null) =>
        [.. (await Json.ReadAsync(await (client ?? Doctor).GetAsync($"/api/v1/orders?{query}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    /// <summary>The names of the order's events in the orders outbox, oldest first.</summary>
    public async Task<List<string>> EventsAsync(Guid order) => [.. (await app.OutboxAsync(order, "orders")).Select(e => e.Type)];

    /// <summary>A laboratory order of two tests taken through the steps that reach <paramref name="status"/>.</summary>
    public async Task<JsonElement> InStatusAsync(string status)
    {
        var order = await DraftAsync();
        var id = order.Id();
        switch (status)
        {
            case "draft":
                return order;
            case "revoked":
                return await ActedAsync(id, "cancel");
            case "enteredInError":
                return await ActedAsync(id, "entered-in-error");
        }

        order = await ActedAsync(id, "place");
        switch (status)
        {
            case "active":
                return order;
            case "onHold":
                return await ActedAsync(id, "hold");
            case "inProgress":
                return await ItemActedAsync(order, 0, "start");
            case "completed":
                await ItemActedAsync(order, 0, "start");
                await ItemActedAsync(order, 0, "complete");
                return await ItemActedAsync(order, 1, "cancel", Doctor);
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }
    }

    /// <summary>A practitioner linked to a new user, member of <paramref name="department"/>, and that user's client with the given roles.</summary>
    public async Task<(Guid Practitioner, HttpClient Client)> MemberOfAsync(Guid department, string roles = "Doctor")
    {
        var user = await Visits.Clinic.Staff.NewUserAsync();
        var practitioner = (await Json.ReadAsync(
            await Visits.Clinic.Staff.PostAsJsonAsync("/api/v1/practitioners", new
            {
                name = new { family = "Receiving", given = new[] { "Rae" } }, role = "physician", userId = user, departments = new[] { new { departmentId = department } },
            }),
            HttpStatusCode.Created)).Id();
        return (practitioner, Visits.Clinic.As(roles, user));
    }

    /// <summary>A note of the patient's encounter, of <paramref name="type"/>, written by the doctor and signed unless said otherwise.</summary>
    public async Task<Guid> LetterAsync(string type = "referralLetter", bool signed = true, Guid? encounter = null)
    {
        var notes = new Notes(Visits);
        var id = (await notes.DraftAsync(encounter ?? Encounter, body: Notes.Body(type, "Referral to cardiology"))).Id();
        if (signed)
        {
            await Json.ReadAsync(await notes.ActAsync(id, "sign"), HttpStatusCode.OK);
        }

        return id;
    }

    public static Guid ItemId(JsonElement order, int index) => order.GetProperty("items")[index].Id();

    public static string ItemStatus(JsonElement order, int index) => order.GetProperty("items")[index].Status();

    private static object BodyOf(string action) => action is "cancel" or "entered-in-error" or "decline" ? new { reason = "Ordered for the wrong patient" } : new { };
}
