namespace HealthCore.Tests.Modules.Admissions;

/// <summary>Bad input to every kind of admissions endpoint answers a problem naming the field, never a 500.</summary>
public abstract class AdmissionsInputTests(AdmissionsApp app)
{
    private const string Year1 = "0001-01-01T00:00:00Z";
    private const string Year9999 = "9999-12-31T23:59:59Z";

    [Theory]
    [InlineData("/api/v1/census?at=" + Year1, "at")]
    [InlineData("/api/v1/census?at=" + Year9999, "at")]
    [InlineData("/api/v1/census?at=yesterday", "at")]
    [InlineData("/api/v1/census?wardId=not-a-guid", "wardId")]
    [InlineData("/api/v1/census/daily?from=0001-01-01&to=0001-01-02", "from")]
    [InlineData("/api/v1/census/daily?from=2025-01-01&to=9999-12-31", "to")]
    [InlineData("/api/v1/census/daily?from=0001-01-01&to=9999-12-31", "from")]
    [InlineData("/api/v1/census/daily?to=2025-01-01", "from")]
    [InlineData("/api/v1/census/daily?from=2025-13-01&to=2025-01-01", "from")]
    [InlineData("/api/v1/admissions?from=" + Year1, "from")]
    [InlineData("/api/v1/admissions?to=" + Year9999, "to")]
    [InlineData("/api/v1/admissions?limit=1000000", "Limit")]
    [InlineData("/api/v1/admissions?limit=99999999999999", "limit")]
    [InlineData("/api/v1/admissions?limit=-1", "Limit")]
    [InlineData("/api/v1/admissions?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/admissions?status=sleeping", "status")]
    [InlineData("/api/v1/admissions?patientId=42", "patientId")]
    [InlineData("/api/v1/wards?limit=0", "Limit")]
    [InlineData("/api/v1/wards?type=castle", "type")]
    [InlineData("/api/v1/beds?limit=201", "Limit")]
    [InlineData("/api/v1/bed-board?facilityId=main", "facilityId")]
    public async Task A_bad_query_answers_400_naming_the_parameter(string url, string field)
    {
        var adt = new Adt(app);

        await ShouldRejectAsync(await adt.Client.GetAsync(url), field);
    }

    [Theory]
    [InlineData("/api/v1/wards/not-a-guid")]
    [InlineData("/api/v1/beds/12345/history")]
    [InlineData("/api/v1/admissions/%20/events")]
    public async Task A_malformed_id_in_the_path_answers_404(string url)
    {
        var adt = new Adt(app);

        await ProblemAssertions.ShouldBeProblemAsync(await adt.Client.GetAsync(url), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dates_out_of_range_in_bodies_answer_400_naming_the_field()
    {
        var adt = new Adt(app);
        var ward = await adt.WardAsync();
        var bed = await adt.BedAsync(ward);
        var patient = adt.Patient();
        var admit = adt.NewAdmission(patient, bed);

        await ShouldRejectAsync(await adt.AdmitAsync(admit with { AdmittedAt = DateTimeOffset.MinValue }), "admittedAt");
        await ShouldRejectAsync(await adt.AdmitAsync(admit with { AdmittedAt = DateTimeOffset.MaxValue }), "admittedAt");
        await ShouldRejectAsync(await adt.AdmitAsync(adt.NewAdmission(patient, null) with { AdmittedAt = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero) }), "admittedAt");
        await ShouldRejectAsync(await adt.AdmitAsync(admit with { ExpectedDischargeDate = DateOnly.MaxValue }), "expectedDischargeDate");
        await ShouldRejectAsync(await adt.AdmitAsync(admit with { ExpectedDischargeDate = DateOnly.MinValue }), "expectedDischargeDate");
        await ShouldRejectAsync(await adt.Client.PostAsJsonAsync("/api/v1/beds", new BedBody(ward, "Old", "standard", InServiceSince: DateTimeOffset.MinValue)), "inServiceSince");
        await ShouldRejectAsync(
            await adt.PostAsync($"/api/v1/beds/{bed}/reserve", new { patientId = patient, expiresAt = DateTimeOffset.MaxValue }), "expiresAt");

        var admission = (await adt.AdmitAsync(patient, bed)).GetProperty("id").GetGuid();
        var other = await adt.BedAsync(ward);
        await ShouldRejectAsync(
            await adt.PostAsync($"/api/v1/admissions/{admission}/transfer", new TransferBody(other, "x", TransferredAt: DateTimeOffset.MinValue)), "transferredAt");
        await ShouldRejectAsync(
            await adt.PostAsync($"/api/v1/admissions/{admission}/discharge", new DischargeBody("normal", DischargedAt: DateTimeOffset.MaxValue)), "dischargedAt");
        await ShouldRejectAsync(await adt.PostAsync($"/api/v1/beds/{other}/assign", new { admissionId = admission, assignedAt = DateTimeOffset.MinValue }), "assignedAt");
        (await adt.BedStatusAsync(bed)).ShouldBe("occupied");
    }

    [Fact]
    public async Task Malformed_values_in_bodies_answer_400_naming_the_field()
    {
        var adt = new Adt(app);
        var ward = await adt.WardAsync();

        await ShouldRejectAsync(await adt.PostAsync("/api/v1/wards", new { facilityId = "main", name = "A", type = "general", capacity = 4 }), "facilityId");
        await ShouldRejectAsync(await adt.PostAsync("/api/v1/wards", new { facilityId = adt.Facility, name = "A", type = "general", capacity = 3_000_000_000 }), "capacity");
        await ShouldRejectAsync(await adt.PostAsync("/api/v1/wards", new { facilityId = adt.Facility, name = "A", type = "general", capacity = 100_000 }), "Capacity");
        await ShouldRejectAsync(await adt.PostAsync("/api/v1/beds", new { wardId = ward, number = "1", type = "hammock" }), "type");
        await ShouldRejectAsync(await adt.PostAsync($"/api/v1/beds/{await adt.BedAsync(ward)}/assign", new { admissionId = "nope" }), "admissionId");
        await ShouldRejectAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), null) with { Acuity = "extreme" }), "acuity");
    }

    /// <summary>A 400 problem whose errors name <paramref name="field"/> (in any case: DataAnnotations keys use the member name).</summary>
    private static async Task ShouldRejectAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.TryGetProperty("errors", out var errors).ShouldBeTrue(problem.ToString());
        errors.EnumerateObject().Select(e => e.Name).ShouldContain(name => string.Equals(name, field, StringComparison.OrdinalIgnoreCase), problem.ToString());
    }
}

[Collection(AdmissionsPostgresCollection.Name)]
public sealed class AdmissionsInputTests_on_Postgres(AdmissionsPostgresApp app) : AdmissionsInputTests(app);

[Collection(AdmissionsSqliteCollection.Name)]
public sealed class AdmissionsInputTests_on_Sqlite(AdmissionsSqliteApp app) : AdmissionsInputTests(app);
