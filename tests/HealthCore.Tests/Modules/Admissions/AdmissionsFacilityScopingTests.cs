namespace HealthCore.Tests.Modules.Admissions;

/// <summary>A user assigned to some facilities sees and acts on the wards, beds, admissions, census and bed board of those only.</summary>
public abstract class AdmissionsFacilityScopingTests(AdmissionsApp app)
{
    [Fact]
    public async Task A_user_of_another_facility_gets_404_from_every_admissions_endpoint_naming_its_data_changes_nothing_and_lists_none_of_it() =>
        await AdmissionsIsolation.EveryEndpointHoldsAsync(app, main => TenantIsolation.BetweenFacilities(main.Client, main.AssignedTo("Admin", main.OtherFacility())));

    [Fact]
    public async Task A_nurse_of_east_admits_and_discharges_in_east_but_cannot_name_a_bed_ward_or_department_of_main()
    {
        var main = new Adt(app);
        var mainBed = await main.BedInNewWardAsync();
        var east = main.OtherFacility();
        var eastWard = await Adt.CreatedAsync(await main.Client.PostAsJsonAsync("/api/v1/wards", main.NewWard() with { FacilityId = east }));
        var eastBed = await Adt.CreatedAsync(await main.Client.PostAsJsonAsync("/api/v1/beds", new BedBody(eastWard.GetProperty("id").GetGuid(), "E-1", "standard")));
        var nurse = main.AssignedTo("Nurse", east);
        var eastAdmin = main.AssignedTo("Admin", east);

        await Adt.ShouldRejectFieldAsync(await nurse.PostAsJsonAsync("/api/v1/admissions", main.NewAdmission(main.Patient(), mainBed)), "bedId");
        await Adt.ShouldRejectFieldAsync(await nurse.PostAsJsonAsync("/api/v1/admissions", main.NewAdmission(main.Patient(), null)), "departmentId");
        await Adt.ShouldRejectFieldAsync(await eastAdmin.PostAsJsonAsync("/api/v1/wards", main.NewWard()), "facilityId");
        await Adt.ShouldRejectFieldAsync(
            await eastAdmin.PostAsJsonAsync("/api/v1/beds", new BedBody((await main.GetAsync($"/api/v1/beds/{mainBed}")).GetProperty("wardId").GetGuid(), "X-9", "standard")),
            "wardId");
        (await main.BedStatusAsync(mainBed)).ShouldBe("available");

        var admitted = await Adt.CreatedAsync(await nurse.PostAsJsonAsync("/api/v1/admissions", main.NewAdmission(main.Patient(), eastBed.GetProperty("id").GetGuid())));
        var id = admitted.GetProperty("id").GetGuid();
        var waiting = await Adt.CreatedAsync(await nurse.PostAsJsonAsync("/api/v1/admissions", main.NewAdmission(main.Patient(), null) with { DepartmentId = main.DepartmentIn(east) }));
        var listed = (await Adt.OkAsync(await nurse.GetAsync("/api/v1/admissions"))).GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
        listed.ShouldBe([waiting.GetProperty("id").GetGuid(), id], ignoreOrder: true);
        var board = await Adt.OkAsync(await nurse.GetAsync("/api/v1/bed-board"));
        board.GetProperty("wards").EnumerateArray().Select(w => w.GetProperty("wardId").GetGuid()).ShouldBe([eastWard.GetProperty("id").GetGuid()]);
        await Adt.OkAsync(await nurse.PostAsJsonAsync($"/api/v1/admissions/{id}/discharge", new DischargeBody("normal")));
    }
}

[Collection(AdmissionsPostgresCollection.Name)]
public sealed class AdmissionsFacilityScopingTests_on_Postgres(AdmissionsPostgresApp app) : AdmissionsFacilityScopingTests(app);

[Collection(AdmissionsSqliteCollection.Name)]
public sealed class AdmissionsFacilityScopingTests_on_Sqlite(AdmissionsSqliteApp app) : AdmissionsFacilityScopingTests(app);
