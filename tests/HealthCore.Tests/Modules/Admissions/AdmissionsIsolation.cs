namespace HealthCore.Tests.Modules.Admissions;

/// <summary>The isolation proof every Admissions endpoint shares, between tenants and between facilities of one tenant.</summary>
internal static class AdmissionsIsolation
{
    /// <summary>
    /// Wards, beds and admissions (placed and pending) of one hospital, probed through every endpoint of the module by the
    /// stranger <paramref name="isolation"/> sets up against the hospital's Admin.
    /// </summary>
    public static async Task EveryEndpointHoldsAsync(AdmissionsApp app, Func<Adt, TenantIsolation> isolation)
    {
        var main = new Adt(app);
        var ward = await main.WardAsync();
        var bed = await main.BedAsync(ward);
        var spare = await main.BedAsync(ward);
        var patient = main.Patient();
        var admission = (await main.AdmitAsync(patient, bed)).GetProperty("id").GetGuid();
        var pending = (await main.AdmitAsync(main.Patient(), null)).GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd");

        await isolation(main)
            .CoveringEvery(
                ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Admissions.AdmissionsDb).Namespace!),
                // Creating names the facility, ward or bed in the body: a 400 naming the field (AdmissionsAccessTests, AdmissionsFacilityScopingTests).
                "POST /api/v1/wards/", "POST /api/v1/beds/", "POST /api/v1/admissions/")
            .Watching($"/api/v1/wards/{ward}", $"/api/v1/beds/{spare}", $"/api/v1/beds/{bed}", $"/api/v1/admissions/{admission}", $"/api/v1/admissions/{pending}")
            .Get($"/api/v1/wards/{ward}")
            .Patch($"/api/v1/wards/{ward}", new { capacity = 50 })
            .Get($"/api/v1/beds/{bed}")
            .Patch($"/api/v1/beds/{spare}", new { number = "X" })
            .Get($"/api/v1/beds/{bed}/history")
            .Post($"/api/v1/beds/{spare}/reserve", new { patientId = main.Patient(), expiresAt = DateTimeOffset.UtcNow.AddHours(1) })
            .Post($"/api/v1/beds/{spare}/release")
            .Post($"/api/v1/beds/{spare}/assign", new { admissionId = pending })
            .Post($"/api/v1/beds/{spare}/mark-clean")
            .Post($"/api/v1/beds/{spare}/maintenance", new { reason = "x" })
            .Post($"/api/v1/beds/{spare}/block", new { reason = "x" })
            .Post($"/api/v1/beds/{spare}/return-to-service")
            .Get($"/api/v1/admissions/{admission}")
            .Get($"/api/v1/admissions/{pending}")
            .Get($"/api/v1/admissions/{admission}/events")
            .Post($"/api/v1/admissions/{admission}/transfer", new TransferBody(spare, "x"))
            .Post($"/api/v1/admissions/{admission}/discharge", new DischargeBody("normal"))
            .Post($"/api/v1/admissions/{pending}/cancel", new { reason = "x" })
            .Get($"/api/v1/census?wardId={ward}")
            .Get($"/api/v1/census?facilityId={main.Facility}")
            .Get($"/api/v1/census/daily?from={today}&to={tomorrow}&wardId={ward}")
            .Get($"/api/v1/census/daily?from={today}&to={tomorrow}&facilityId={main.Facility}")
            .Get($"/api/v1/bed-board?facilityId={main.Facility}")
            .ListWithout("/api/v1/wards", ward)
            .ListWithout("/api/v1/beds", bed)
            .ListWithout("/api/v1/admissions", admission)
            .ListWithout("/api/v1/admissions", pending)
            .ListWithout($"/api/v1/admissions?patientId={patient}", admission)
            .ListWithout("/api/v1/bed-board", patient)
            .ListWithout("/api/v1/census", patient)
            .ShouldHoldAsync();
    }
}
