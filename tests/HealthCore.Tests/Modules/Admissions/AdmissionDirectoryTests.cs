using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HealthCore.Tests.Modules.Patients;
using HealthCore.Tests.Modules.Practitioners;

namespace HealthCore.Tests.Modules.Admissions;

/// <summary>
/// Admissions against the real Patients and Practitioners modules and tenant settings (no stand-in directory): the
/// facts the placement rules use come from registered patients, practitioners, departments and the tenant's config.
/// </summary>
public abstract class AdmissionDirectoryTests(HealthCoreApp app)
{
    [Fact]
    public async Task A_registered_patient_is_admitted_by_their_gender_and_named_on_the_bed_board_and_a_deactivated_one_is_refused()
    {
        var hospital = await HospitalAsync();
        var ward = await hospital.CreatedAsync("/api/v1/wards", new WardBody(hospital.Facility, Adt.Unique("Male surgical"), "general", 10, "male", hospital.Department));
        var bed = await hospital.CreatedAsync("/api/v1/beds", new BedBody(ward, "1", "standard"));
        var other = await hospital.CreatedAsync("/api/v1/beds", new BedBody(ward, "2", "standard"));
        var man = await hospital.PatientAsync("Mensah", "Kofi", "male");
        var woman = await hospital.PatientAsync("Okafor", "Ada", "female");
        var deactivated = await hospital.PatientAsync("Banda", "Tiwonge", "male");
        (await hospital.Client.DeleteAsync($"/api/v1/patients/{deactivated}?reason=Registered%20twice")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await Adt.CreatedAsync(await hospital.AdmitAsync(man, bed));
        await Adt.ShouldViolateAsync(await hospital.AdmitAsync(woman, other), "ward-gender-policy");
        await Adt.ShouldViolateAsync(await hospital.AdmitAsync(deactivated, other), "patient-inactive");

        var board = await Adt.OkAsync(await hospital.Client.GetAsync("/api/v1/bed-board"));
        var patient = board.GetProperty("wards").EnumerateArray().Single().GetProperty("patients").EnumerateArray().ShouldHaveSingleItem();
        patient.GetProperty("patientId").GetGuid().ShouldBe(man);
        patient.GetProperty("patientName").GetString().ShouldBe("Kofi Mensah");
    }

    [Fact]
    public async Task An_unknown_patient_practitioner_or_department_answers_400_naming_the_field()
    {
        var hospital = await HospitalAsync();
        var ward = await hospital.CreatedAsync("/api/v1/wards", new WardBody(hospital.Facility, Adt.Unique("General"), "general", 10, "mixed", hospital.Department));
        var bed = await hospital.CreatedAsync("/api/v1/beds", new BedBody(ward, "1", "standard"));
        var patient = await hospital.PatientAsync("Mensah", "Kofi", "male");
        var admission = hospital.Admission(patient, bed);

        await Adt.ShouldRejectFieldAsync(await hospital.Client.PostAsJsonAsync("/api/v1/admissions", admission with { PatientId = Guid.CreateVersion7() }), "patientId");
        await Adt.ShouldRejectFieldAsync(
            await hospital.Client.PostAsJsonAsync("/api/v1/admissions", admission with { AdmittingPractitionerId = Guid.CreateVersion7() }), "admittingPractitionerId");
        await Adt.ShouldRejectFieldAsync(await hospital.Client.PostAsJsonAsync("/api/v1/admissions", admission with { DepartmentId = Guid.CreateVersion7() }), "departmentId");
        await Adt.ShouldRejectFieldAsync(
            await hospital.Client.PostAsJsonAsync("/api/v1/wards", new WardBody(hospital.Facility, Adt.Unique("W"), "general", 5, DepartmentId: Guid.CreateVersion7())),
            "departmentId");
        var stranger = await HospitalAsync();
        await Adt.ShouldRejectFieldAsync(
            await hospital.Client.PostAsJsonAsync("/api/v1/admissions", admission with { AdmittingPractitionerId = stranger.Practitioner }), "admittingPractitionerId");
        (await Adt.OkAsync(await hospital.Client.GetAsync($"/api/v1/beds/{bed}"))).GetProperty("status").GetString().ShouldBe("available");
    }

    [Fact]
    public async Task The_tenants_time_zone_decides_the_midnights_of_the_daily_census()
    {
        var hospital = await HospitalAsync();
        var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/config")
        {
            Content = new StringContent("""{ "timeZone": "Asia/Tokyo" }""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
        await Adt.OkAsync(await hospital.Client.SendAsync(patch));

        var census = await Adt.OkAsync(await hospital.Client.GetAsync("/api/v1/census/daily?from=2026-01-01&to=2026-01-02"));

        census.GetProperty("timeZone").GetString().ShouldBe("Asia/Tokyo");
    }

    [Fact]
    public async Task A_ward_in_an_unknown_inactive_or_other_tenants_facility_answers_400_naming_facilityId()
    {
        var hospital = await HospitalAsync();
        var stranger = await HospitalAsync();
        var closed = await hospital.FacilityAsync();
        await hospital.SendAsync(HttpMethod.Patch, $"/api/v1/facilities/{closed}", new { active = false });
        var ward = new WardBody(hospital.Facility, Adt.Unique("General"), "general", 10);

        foreach (var facility in new[] { Guid.CreateVersion7(), stranger.Facility, closed })
        {
            await Adt.ShouldRejectFieldAsync(await hospital.Client.PostAsJsonAsync("/api/v1/wards", ward with { FacilityId = facility }), "facilityId");
        }

        var id = await hospital.CreatedAsync("/api/v1/wards", ward);
        await Adt.ShouldRejectFieldAsync(await hospital.SendAsync(HttpMethod.Patch, $"/api/v1/wards/{id}", new { facilityId = stranger.Facility }), "facilityId");
        var annex = await hospital.FacilityAsync();
        var moved = await Adt.OkAsync(await hospital.SendAsync(HttpMethod.Patch, $"/api/v1/wards/{id}", new { facilityId = annex }));
        moved.GetProperty("facilityId").GetGuid().ShouldBe(annex);
    }

    [Fact]
    public async Task A_wards_days_and_lengths_of_stay_are_counted_in_its_facilitys_time_zone_and_the_whole_hospitals_in_the_tenants()
    {
        var hospital = await HospitalAsync();
        var tokyo = await hospital.FacilityAsync("Asia/Tokyo");
        var ward = await hospital.CreatedAsync("/api/v1/wards", new WardBody(tokyo, Adt.Unique("General"), "general", 10, "mixed", hospital.Department));
        var bed = await hospital.CreatedAsync("/api/v1/beds", new BedBody(ward, "1", "standard", InServiceSince: DateTimeOffset.UtcNow.AddDays(-3)));
        var patient = await hospital.PatientAsync("Sato", "Yui", "female");

        // 14:30 UTC is 23:30 in Tokyo: the next UTC day starts 9 hours later in Tokyo, so the stay crosses one Tokyo midnight.
        var yesterday = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(-1);
        var admittedAt = new DateTimeOffset(yesterday.AddHours(14.5), TimeSpan.Zero);
        var admission = await hospital.CreatedAsync("/api/v1/admissions", hospital.Admission(patient, bed) with { AdmittedAt = admittedAt });
        var discharged = await Adt.OkAsync(await hospital.Client.PostAsJsonAsync(
            $"/api/v1/admissions/{admission}/discharge", new DischargeBody("normal", DischargedAt: admittedAt.AddHours(1))));

        discharged.GetProperty("discharge").GetProperty("lengthOfStayDays").GetInt32().ShouldBe(1);
        var day = DateOnly.FromDateTime(yesterday).ToString("yyyy-MM-dd");
        var next = DateOnly.FromDateTime(yesterday).AddDays(1).ToString("yyyy-MM-dd");
        var byWard = await Adt.OkAsync(await hospital.Client.GetAsync($"/api/v1/census/daily?from={day}&to={next}&wardId={ward}"));
        byWard.GetProperty("timeZone").GetString().ShouldBe("Asia/Tokyo");
        var byFacility = await Adt.OkAsync(await hospital.Client.GetAsync($"/api/v1/census/daily?from={day}&to={next}&facilityId={tokyo}"));
        byFacility.GetProperty("timeZone").GetString().ShouldBe("Asia/Tokyo");
        (await Adt.OkAsync(await hospital.Client.GetAsync($"/api/v1/census/daily?from={day}&to={next}"))).GetProperty("timeZone").GetString().ShouldBe("UTC");
        await ProblemAssertions.ShouldBeProblemAsync(
            await hospital.Client.GetAsync($"/api/v1/census/daily?from={day}&to={next}&facilityId={Guid.CreateVersion7()}"), HttpStatusCode.NotFound);
    }

    private async Task<Hospital> HospitalAsync()
    {
        var client = app.ClientFor();
        var department = (await client.CreateDepartmentAsync()).Body.GetProperty("id").GetGuid();
        var practitioner = (await client.CreateAsync(PractitionersApi.PractitionersPath, PractitionersApi.Practitioner())).Body.GetProperty("id").GetGuid();
        var hospital = new Hospital(client, department, practitioner, Guid.Empty);
        return hospital with { Facility = await hospital.FacilityAsync() };
    }

    private sealed record Hospital(HttpClient Client, Guid Department, Guid Practitioner, Guid Facility)
    {
        public async Task<Guid> FacilityAsync(string? timeZone = null) =>
            await CreatedAsync("/api/v1/facilities", new { code = Adt.Unique("site"), name = "General Hospital", timeZone });

        public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body)
        {
            var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
            return Client.SendAsync(request);
        }

        public async Task<Guid> CreatedAsync(string path, object body) =>
            (await Adt.CreatedAsync(await Client.PostAsJsonAsync(path, body))).GetProperty("id").GetGuid();

        public async Task<Guid> PatientAsync(string family, string given, string gender)
        {
            JsonObject registered = await PatientsApp.RegisterAsync(Client, PatientData.New(family, given, "1975-03-02", gender));
            return Guid.Parse(registered.Id());
        }

        public AdmitBody Admission(Guid patient, Guid bed) => new(patient, Practitioner, Department, "Appendicitis", "emergency", bed);

        public Task<HttpResponseMessage> AdmitAsync(Guid patient, Guid bed) => Client.PostAsJsonAsync("/api/v1/admissions", Admission(patient, bed));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class AdmissionDirectoryTests_on_Postgres(PostgresApp app) : AdmissionDirectoryTests(app);

[Collection(SqliteCollection.Name)]
public sealed class AdmissionDirectoryTests_on_Sqlite(SqliteApp app) : AdmissionDirectoryTests(app);
