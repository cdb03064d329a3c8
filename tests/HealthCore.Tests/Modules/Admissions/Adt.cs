using System.Text.Json;
using HealthCore.Modules.Admissions;

namespace HealthCore.Tests.Modules.Admissions;

internal sealed record WardBody(
    Guid? FacilityId, string Name, string Type, int? Capacity, string? GenderPolicy = null, Guid? DepartmentId = null, string[]? Features = null);

internal sealed record BedBody(Guid? WardId, string Number, string Type, string[]? Features = null, DateTimeOffset? InServiceSince = null);

internal sealed record AdmitBody(
    Guid? PatientId,
    Guid? AdmittingPractitionerId,
    Guid? DepartmentId,
    string Reason,
    string AdmissionType,
    Guid? BedId,
    bool? Pending = null,
    string? Acuity = null,
    bool? IsolationRequired = null,
    string? IsolationKind = null,
    DateTimeOffset? AdmittedAt = null,
    Guid? AttendingPractitionerId = null,
    string? Diagnosis = null,
    DateOnly? ExpectedDischargeDate = null);

internal sealed record TransferBody(
    Guid? BedId, string Reason, string? Acuity = null, bool? IsolationRequired = null, string? IsolationKind = null, DateTimeOffset? TransferredAt = null,
    Guid? DepartmentId = null, Guid? AttendingPractitionerId = null);

internal sealed record DischargeBody(string DischargeType, string? Disposition = "home", string? Summary = null, DateTimeOffset? DischargedAt = null);

/// <summary>
/// One test's hospital: a fresh tenant acting as Admin, with a facility, a department and a practitioner the fake
/// directory knows, and helpers that create wards, beds, patients and admissions through the API.
/// </summary>
internal sealed class Adt
{
    private static int counter;
    private readonly AdmissionsApp app;

    public Adt(AdmissionsApp app)
    {
        this.app = app;
        Client = As("Admin");
        app.Directory.Departments[(Tenant, Department)] = true;
        app.Directory.DepartmentFacilities[(Tenant, Department)] = Facility;
        app.Directory.Practitioners[(Tenant, Practitioner)] = true;
        app.Directory.Facilities[(Tenant, Facility)] = (true, null);
    }

    public Guid Tenant { get; } = Guid.CreateVersion7();

    public Guid Facility { get; } = Guid.CreateVersion7();

    public Guid Department { get; } = Guid.CreateVersion7();

    public Guid Practitioner { get; } = Guid.CreateVersion7();

    public HttpClient Client { get; }

    public AdmissionsApp App => app;

    public HttpClient As(string roles) => HealthCoreApp.Authorize(app.CreateClient(), Tenant, roles: roles);

    /// <summary>A user of this tenant assigned only to <paramref name="facilities"/>.</summary>
    public HttpClient AssignedTo(string roles, params Guid[] facilities) => HealthCoreApp.Authorize(app.CreateClient(), Tenant, roles: roles, facilities: facilities);

    /// <summary>An active department of the tenant in the facility.</summary>
    public Guid DepartmentIn(Guid facility)
    {
        var id = Guid.CreateVersion7();
        app.Directory.Departments[(Tenant, id)] = true;
        app.Directory.DepartmentFacilities[(Tenant, id)] = facility;
        return id;
    }

    public static string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref counter)}";

    /// <summary>Stops the app's clock at <paramref name="instant"/> until disposed (e.g. to create beds before a backdated admission).</summary>
    public IDisposable At(DateTimeOffset instant)
    {
        app.Clock.StopAt(instant);
        return new ResumeClock(app.Clock);
    }

    public void UseTimeZone(string id) => app.Directory.TimeZones[Tenant] = TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>Another facility of the tenant, in its own time zone (the tenant's when null), or inactive.</summary>
    public Guid OtherFacility(string? timeZone = null, bool active = true)
    {
        var id = Guid.CreateVersion7();
        app.Directory.Facilities[(Tenant, id)] = (active, timeZone is null ? null : TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        return id;
    }

    public Guid Patient(PatientGender gender = PatientGender.Male, bool active = true, string? name = null)
    {
        var id = Guid.CreateVersion7();
        app.Directory.Patients[(Tenant, id)] = new PatientFacts(id, name ?? Unique("Patient"), gender, active);
        return id;
    }

    public WardBody NewWard(string type = "general", string genderPolicy = "mixed", int capacity = 20) =>
        new(Facility, Unique("Ward"), type, capacity, genderPolicy, Department);

    public async Task<Guid> WardAsync(string type = "general", string genderPolicy = "mixed", int capacity = 20) =>
        (await CreatedAsync(await Client.PostAsJsonAsync("/api/v1/wards", NewWard(type, genderPolicy, capacity)))).GetProperty("id").GetGuid();

    public async Task<Guid> BedAsync(Guid ward, string type = "standard", params string[] features) =>
        (await CreatedAsync(await Client.PostAsJsonAsync("/api/v1/beds", new BedBody(ward, Unique("B"), type, features)))).GetProperty("id").GetGuid();

    /// <summary>A bed in a ward of its own: for tests that need one bed and do not care where.</summary>
    public async Task<Guid> BedInNewWardAsync(string bedType = "standard", string wardType = "general", string genderPolicy = "mixed", params string[] features) =>
        await BedAsync(await WardAsync(wardType, genderPolicy), bedType, features);

    public AdmitBody NewAdmission(Guid patient, Guid? bed) =>
        new(patient, Practitioner, Department, "Community-acquired pneumonia", "emergency", bed, bed is null ? true : null);

    public Task<HttpResponseMessage> AdmitAsync(AdmitBody body) => Client.PostAsJsonAsync("/api/v1/admissions", body);

    public async Task<JsonElement> AdmitAsync(Guid patient, Guid? bed) => await CreatedAsync(await AdmitAsync(NewAdmission(patient, bed)));

    public async Task<JsonElement> TransferAsync(Guid admission, TransferBody body) =>
        await OkAsync(await Client.PostAsJsonAsync($"/api/v1/admissions/{admission}/transfer", body));

    public async Task<JsonElement> DischargeAsync(Guid admission, DischargeBody? body = null) =>
        await OkAsync(await Client.PostAsJsonAsync($"/api/v1/admissions/{admission}/discharge", body ?? new DischargeBody("normal")));

    public async Task<JsonElement> AssignAsync(Guid bed, Guid admission, DateTimeOffset? at = null) =>
        await OkAsync(await Client.PostAsJsonAsync($"/api/v1/beds/{bed}/assign", new { admissionId = admission, assignedAt = at }));

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        body is null ? Client.PostAsync(path, null) : Client.PostAsJsonAsync(path, body);

    public async Task<JsonElement> GetAsync(string path) => await OkAsync(await Client.GetAsync(path));

    public async Task<string> BedStatusAsync(Guid bed) => (await GetAsync($"/api/v1/beds/{bed}")).GetProperty("status").GetString()!;

    public static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private sealed class ResumeClock(TestClock clock) : IDisposable
    {
        public void Dispose() => clock.Resume();
    }

    /// <summary>Asserts a 409 problem naming <paramref name="rule"/> (and the current status, when given).</summary>
    public static async Task<JsonElement> ShouldViolateAsync(HttpResponseMessage response, string rule, string? currentStatus = null)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("rule").GetString().ShouldBe(rule, problem.ToString());
        if (currentStatus is not null)
        {
            problem.GetProperty("currentStatus").GetString().ShouldBe(currentStatus, problem.ToString());
        }

        return problem;
    }

    /// <summary>Asserts a 400 validation problem with an error for <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ShouldRejectFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        return problem;
    }
}
