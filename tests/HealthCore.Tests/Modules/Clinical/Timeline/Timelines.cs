using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical.Timeline;

/// <summary>One test's patient history built through the real APIs of Scheduling, Clinical and Admissions, and reads of its timeline.</summary>
internal sealed class Timelines(Visits visits, Guid patient)
{
    public Visits Visits { get; } = visits;

    public Guid Patient { get; } = patient;

    public string Url => $"/api/v1/patients/{Patient}/timeline";

    public static async Task<Timelines> OpenAsync(ClinicalApp app)
    {
        var visits = await Visits.OpenAsync(app);
        return new Timelines(visits, await visits.PatientAsync());
    }

    /// <summary>A whole second an hour or more ago, so that records dated at it tie exactly on both providers.</summary>
    public static DateTimeOffset Past(ClinicalApp app, TimeSpan? before = null)
    {
        var at = app.Now - (before ?? TimeSpan.FromHours(1));
        return new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, TimeSpan.Zero);
    }

    public async Task<Guid> EncounterAsync(DateTimeOffset plannedStartAt, Guid? department = null, HttpClient? client = null) =>
        (await Visits.CreatedAsync(new { patientId = Patient, plannedStartAt, departmentId = department ?? Visits.Department }, client)).Id();

    public async Task<Guid> VitalsAsync(DateTimeOffset effectiveAt, Guid? encounter = null, HttpClient? client = null)
    {
        // Outside an encounter a set names the facility it was taken in.
        Guid? facilityId = encounter is null ? await Visits.Clinic.Staff.FacilityAsync() : null;
        return (await Json.ReadAsync(
            await (client ?? Visits.Nurse).PostAsJsonAsync($"/api/v1/patients/{Patient}/vitals", new { heartRate = 80, effectiveAt, encounterId = encounter, facilityId }),
            HttpStatusCode.Created)).Id();
    }

    public async Task<Guid> DiagnosisAsync(Guid encounter, HttpClient? client = null) =>
        (await Json.ReadAsync(
            await (client ?? Visits.Doctor).PostAsJsonAsync($"/api/v1/encounters/{encounter}/diagnoses", new { code = "J18.9" }), HttpStatusCode.Created)).Id();

    public async Task<Guid> NoteAsync(Guid encounter, HttpClient? client = null) => (await new Notes(Visits).DraftAsync(encounter, client)).Id();

    public async Task<Guid> AppointmentAsync()
    {
        var clinic = Visits.Clinic;
        return (await clinic.BookedAsync(await clinic.AroundTheClockAsync(), clinic.Soon(), Patient)).Id();
    }

    /// <summary>A bed in a new ward of the clinic's facility, in service since well before <paramref name="since"/>.</summary>
    public async Task<Guid> BedAsync(DateTimeOffset since)
    {
        var staff = Visits.Clinic.Staff;
        var ward = (await Json.ReadAsync(await staff.PostAsJsonAsync("/api/v1/wards", new
        {
            facilityId = await staff.FacilityAsync(), name = $"Ward {Guid.NewGuid():N}"[..20], type = "general", capacity = 10, genderPolicy = "mixed",
            departmentId = Visits.Department,
        }), HttpStatusCode.Created)).Id();
        return (await Json.ReadAsync(await staff.PostAsJsonAsync("/api/v1/beds", new
        {
            wardId = ward, number = $"B{Guid.NewGuid():N}"[..10], type = "standard", inServiceSince = since.AddHours(-1),
        }), HttpStatusCode.Created)).Id();
    }

    /// <summary>An admission at <paramref name="at"/>, into <paramref name="bed"/> or pending a bed.</summary>
    public async Task<Guid> AdmitAsync(DateTimeOffset at, Guid? bed) =>
        (await Json.ReadAsync(await Visits.Clinic.Staff.PostAsJsonAsync("/api/v1/admissions", new
        {
            patientId = Patient, admittingPractitionerId = Visits.Practitioner, departmentId = Visits.Department, reason = "Community-acquired pneumonia",
            admissionType = "emergency", bedId = bed, pending = bed is null ? true : (bool?)null, admittedAt = at,
        }), HttpStatusCode.Created)).Id();

    public async Task<JsonElement> PostAsync(string path, object body) =>
        await Json.ReadAsync(await Visits.Clinic.Staff.PostAsJsonAsync(path, body), HttpStatusCode.OK);

    public async Task<JsonElement> PageAsync(string query = "", HttpClient? client = null) =>
        await Json.ReadAsync(await (client ?? Visits.Care).GetAsync($"{Url}?{query}"), HttpStatusCode.OK);

    /// <summary>One page of up to 200 entries.</summary>
    public async Task<List<JsonElement>> ReadAsync(string query = "", HttpClient? client = null) =>
        [.. (await PageAsync($"limit=200&{query}", client)).GetProperty("items").EnumerateArray()];

    /// <summary>Every entry, following the cursors <paramref name="limit"/> at a time.</summary>
    public async Task<(List<JsonElement> Items, int Pages)> AllPagesAsync(int limit, string query = "")
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync($"limit={limit}&{query}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 100);

        return (items, pages);
    }
}

internal static class TimelineJson
{
    public static string Kind(this JsonElement entry) => entry.GetProperty("kind").GetString()!;

    public static string Key(this JsonElement entry) => $"{entry.Kind()}/{entry.Id()}";

    public static DateTimeOffset OccurredAt(this JsonElement entry) => entry.GetProperty("occurredAt").GetDateTimeOffset();

    public static bool EnteredInError(this JsonElement entry) => entry.GetProperty("enteredInError").GetBoolean();

    public static Guid? EncounterId(this JsonElement entry) =>
        entry.GetProperty("links").GetProperty("encounterId") is { ValueKind: JsonValueKind.String } id ? id.GetGuid() : null;
}
