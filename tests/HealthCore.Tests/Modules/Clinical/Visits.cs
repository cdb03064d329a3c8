using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>
/// One test's outpatient clinic: a fresh tenant with a department, a practitioner and patients created through the
/// real APIs, clients per role, and helpers that open encounters and take their steps.
/// </summary>
internal sealed class Visits
{
    public static readonly string[] Actions = ["arrive", "triage", "start-consultation", "close", "cancel", "entered-in-error"];

    private readonly ClinicalApp app;

    private Visits(ClinicalApp app, Clinic clinic, Guid department, Guid practitioner)
    {
        this.app = app;
        Clinic = clinic;
        Department = department;
        Practitioner = practitioner;
        DoctorUser = Guid.CreateVersion7();
        NurseUser = Guid.CreateVersion7();
        Doctor = clinic.As("Doctor", DoctorUser);
        Nurse = clinic.As("Nurse", NurseUser);
        Receptionist = clinic.As("Receptionist");
        Care = clinic.As("Admin,Doctor,Nurse");
    }

    public Clinic Clinic { get; }

    public Guid Department { get; }

    public Guid Practitioner { get; }

    public Guid DoctorUser { get; }

    public Guid NurseUser { get; }

    public HttpClient Doctor { get; }

    public HttpClient Nurse { get; }

    public HttpClient Receptionist { get; }

    /// <summary>Every encounter permission at once (Admin, Doctor and Nurse): for tests about something other than who may.</summary>
    public HttpClient Care { get; }

    public static async Task<Visits> OpenAsync(ClinicalApp app)
    {
        var clinic = app.NewClinic();
        return new Visits(app, clinic, await clinic.NewDepartmentAsync(), await clinic.NewPractitionerAsync());
    }

    public Task<Guid> PatientAsync() => Clinic.NewPatientAsync();

    /// <summary>A department of this tenant in another facility of it.</summary>
    public async Task<(Guid Facility, Guid Department)> DepartmentElsewhereAsync()
    {
        var facility = await Clinic.Staff.NewFacilityAsync();
        var department = (await Json.ReadAsync(
            await Clinic.Staff.PostAsJsonAsync("/api/v1/departments", new { name = "Elsewhere", code = $"e{Guid.NewGuid():N}"[..20], type = "clinical", facilityId = facility }),
            HttpStatusCode.Created)).Id();
        return (facility, department);
    }

    public async Task<Dictionary<string, object?>> BodyAsync(object? extra = null) =>
        Json.Merge(
            new
            {
                patientId = await PatientAsync(),
                @class = "ambulatory",
                departmentId = Department,
                type = new { text = "Cardiology follow-up" },
                reason = new { text = "Palpitations", codes = new[] { new { system = "http://snomed.info/sct", code = "80313002", display = "Palpitations" } } },
                participants = new[] { new { practitionerId = Practitioner, role = "attender" } },
                status = "planned",
            },
            extra);

    public async Task<JsonElement> CreatedAsync(object? extra = null, HttpClient? client = null) =>
        await Json.ReadAsync(await (client ?? Care).PostAsJsonAsync("/api/v1/encounters", await BodyAsync(extra)), HttpStatusCode.Created);

    public Task<HttpResponseMessage> ActAsync(Guid id, string action, HttpClient? client = null, object? body = null) =>
        (client ?? Care).PostAsJsonAsync($"/api/v1/encounters/{id}/{action}", body ?? BodyOf(action));

    /// <summary>A planned encounter taken through the steps that reach <paramref name="status"/>.</summary>
    public async Task<Guid> InStatusAsync(string status, object? extra = null)
    {
        var id = (await CreatedAsync(extra)).Id();
        string[] path = status switch
        {
            "planned" => [],
            "arrived" => ["arrive"],
            "triaged" => ["arrive", "triage"],
            "inConsultation" => ["arrive", "triage", "start-consultation"],
            "completed" => ["arrive", "triage", "start-consultation", "close"],
            "cancelled" => ["cancel"],
            "enteredInError" => ["entered-in-error"],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var action in path)
        {
            await Json.ReadAsync(await ActAsync(id, action), HttpStatusCode.OK);
        }

        return id;
    }

    public async Task<JsonElement> GetAsync(Guid id, HttpClient? client = null) =>
        await Json.ReadAsync(await (client ?? Care).GetAsync($"/api/v1/encounters/{id}"), HttpStatusCode.OK);

    public async Task<List<JsonElement>> ListAsync(string query, HttpClient? client = null) =>
        [.. (await Json.ReadAsync(await (client ?? Care).GetAsync($"/api/v1/encounters?{query}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    /// <summary>The encounters the query finds once <paramref name="until"/> holds for them (events arrive through the outbox in the background).</summary>
    public async Task<List<JsonElement>> EventuallyAsync(string query, Func<List<JsonElement>, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var items = await ListAsync(query);
            if (until(items) || DateTime.UtcNow > deadline)
            {
                return items;
            }

            await Task.Delay(200);
        }
    }

    public async Task RuleAsync(string key, object value, Guid? department = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/departments/{department ?? Department}/rules/{key}")
        {
            Content = JsonContent.Create(new { value, effectiveFrom = app.Now.AddDays(-1) }),
        };
        var response = await Clinic.Staff.SendAsync(request);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private static object BodyOf(string action) => action is "cancel" or "entered-in-error" ? new { reason = "Booked for the wrong patient" } : new { };
}

internal static class EncounterJson
{
    public static List<string> History(this JsonElement encounter) =>
        [.. encounter.GetProperty("statusHistory").EnumerateArray().Select(c => c.GetProperty("to").GetString()!)];
}
