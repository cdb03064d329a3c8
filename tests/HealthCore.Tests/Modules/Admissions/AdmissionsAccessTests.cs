using System.Text.Json;

namespace HealthCore.Tests.Modules.Admissions;

public abstract class AdmissionsAccessTests(AdmissionsApp app)
{
    [Theory]
    [InlineData("Nurse")]
    [InlineData("Doctor")]
    public async Task Nurses_and_doctors_admit_transfer_and_discharge(string role)
    {
        var adt = new Adt(app);
        var (first, second) = (await adt.BedInNewWardAsync(), await adt.BedInNewWardAsync());
        var clinician = adt.As(role);

        var admitted = await Adt.CreatedAsync(await clinician.PostAsJsonAsync("/api/v1/admissions", adt.NewAdmission(adt.Patient(), first)));
        var id = admitted.GetProperty("id").GetGuid();
        await Adt.OkAsync(await clinician.PostAsJsonAsync($"/api/v1/admissions/{id}/transfer", new TransferBody(second, "Quieter bay")));
        await Adt.OkAsync(await clinician.PostAsJsonAsync($"/api/v1/admissions/{id}/discharge", new DischargeBody("normal")));
        await Adt.OkAsync(await clinician.GetAsync($"/api/v1/admissions/{id}"));
    }

    [Fact]
    public async Task A_receptionist_reads_the_bed_board_but_cannot_admit_or_change_beds()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        var receptionist = adt.As("Receptionist");

        await Adt.OkAsync(await receptionist.GetAsync("/api/v1/bed-board"));
        await Adt.OkAsync(await receptionist.GetAsync($"/api/v1/beds/{bed}"));
        await ShouldBeForbiddenAsync(await receptionist.PostAsJsonAsync("/api/v1/admissions", adt.NewAdmission(adt.Patient(), bed)));
        await ShouldBeForbiddenAsync(await receptionist.PostAsync($"/api/v1/beds/{bed}/mark-clean", null));
        await ShouldBeForbiddenAsync(await receptionist.PostAsJsonAsync("/api/v1/wards", adt.NewWard()));
        (await adt.BedStatusAsync(bed)).ShouldBe("available");
    }

    [Fact]
    public async Task Nurses_mark_beds_clean_but_only_admins_manage_wards_and_beds()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        await adt.DischargeAsync((await adt.AdmitAsync(adt.Patient(), bed)).GetProperty("id").GetGuid());
        var nurse = adt.As("Nurse");
        var doctor = adt.As("Doctor");

        await ShouldBeForbiddenAsync(await doctor.PostAsync($"/api/v1/beds/{bed}/mark-clean", null));
        await Adt.OkAsync(await nurse.PostAsync($"/api/v1/beds/{bed}/mark-clean", null));
        await ShouldBeForbiddenAsync(await nurse.PostAsJsonAsync($"/api/v1/beds/{bed}/maintenance", new { reason = "x" }));
        await ShouldBeForbiddenAsync(await nurse.PostAsJsonAsync("/api/v1/wards", adt.NewWard()));
        await ShouldBeForbiddenAsync(await doctor.PostAsJsonAsync("/api/v1/beds", new BedBody(Guid.CreateVersion7(), "1", "standard")));
    }

    [Fact]
    public async Task Roles_without_admissions_access_are_refused_and_anonymous_callers_are_unauthorized()
    {
        var adt = new Adt(app);

        await ShouldBeForbiddenAsync(await adt.As("Pharmacist").GetAsync("/api/v1/bed-board"));
        await ShouldBeForbiddenAsync(await adt.As("LabTechnician").GetAsync("/api/v1/census"));
        await ProblemAssertions.ShouldBeProblemAsync(await app.CreateClient().GetAsync("/api/v1/admissions"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_tenant_gets_404_from_every_endpoint_naming_a_ward_bed_or_admission_changes_nothing_and_lists_none_of_it() =>
        await AdmissionsIsolation.EveryEndpointHoldsAsync(app, owner => TenantIsolation.Between(owner.Client, new Adt(app).Client));

    [Fact]
    public async Task Another_tenants_ward_bed_or_admission_named_in_a_body_answers_400_naming_the_field_and_changes_nothing()
    {
        var owner = new Adt(app);
        var ward = await owner.WardAsync();
        var bed = await owner.BedAsync(ward);
        var pending = (await owner.AdmitAsync(owner.Patient(), null)).GetProperty("id").GetGuid();
        var intruder = new Adt(app);
        var own = await intruder.BedInNewWardAsync();

        await Adt.ShouldRejectFieldAsync(await intruder.PostAsync("/api/v1/wards", owner.NewWard() with { FacilityId = owner.Facility }), "facilityId");
        await Adt.ShouldRejectFieldAsync(await intruder.PostAsync("/api/v1/beds", new BedBody(ward, "X-1", "standard")), "wardId");
        await Adt.ShouldRejectFieldAsync(await intruder.AdmitAsync(intruder.NewAdmission(intruder.Patient(), bed)), "bedId");
        await Adt.ShouldRejectFieldAsync(await intruder.PostAsync($"/api/v1/beds/{own}/assign", new { admissionId = pending }), "admissionId");
        await Adt.ShouldRejectFieldAsync(await intruder.PostAsync($"/api/v1/beds/{own}/reserve", new { patientId = owner.Patient(), expiresAt = DateTimeOffset.UtcNow.AddHours(1) }), "patientId");

        (await owner.GetAsync($"/api/v1/wards/{ward}")).GetProperty("bedCount").GetInt32().ShouldBe(1);
        (await owner.BedStatusAsync(bed)).ShouldBe("available");
        (await owner.GetAsync($"/api/v1/admissions/{pending}")).GetProperty("status").GetString().ShouldBe("pending");
        (await intruder.BedStatusAsync(own)).ShouldBe("available");
    }

    [Fact]
    public async Task The_bed_board_counts_beds_by_ward_type_and_status_and_lists_the_patients_in_them()
    {
        var adt = new Adt(app);
        var name = Adt.Unique("Mrs Jones");
        Guid ward, occupied, reserved, cleaning, blocked, icu;
        var admittedAt = DateTimeOffset.UtcNow.AddDays(-2);
        using (adt.At(admittedAt.AddHours(-1)))
        {
            ward = await adt.WardAsync();
            occupied = await adt.BedAsync(ward);
            reserved = await adt.BedAsync(ward);
            cleaning = await adt.BedAsync(ward);
            blocked = await adt.BedAsync(ward);
            icu = await adt.BedAsync(ward, "icu");
        }

        var patient = adt.Patient(name: name);
        var admission = (await Adt.CreatedAsync(await adt.AdmitAsync(adt.NewAdmission(patient, occupied) with { AdmittedAt = admittedAt }))).GetProperty("id").GetGuid();
        await adt.PostAsync($"/api/v1/beds/{reserved}/reserve", new { patientId = adt.Patient(), expiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        await adt.DischargeAsync((await adt.AdmitAsync(adt.Patient(), cleaning)).GetProperty("id").GetGuid());
        await adt.PostAsync($"/api/v1/beds/{blocked}/block", new { reason = "Leaking oxygen outlet" });

        var board = await adt.GetAsync($"/api/v1/bed-board?facilityId={adt.Facility}");

        var wardBoard = board.GetProperty("wards").EnumerateArray().ShouldHaveSingleItem();
        Counts(wardBoard.GetProperty("counts")).ShouldBe((5, 1, 1, 1, 1, 1, 20.0));
        var byType = wardBoard.GetProperty("byBedType").EnumerateArray().ToDictionary(t => t.GetProperty("type").GetString()!, t => Counts(t.GetProperty("counts")));
        byType["standard"].ShouldBe((4, 0, 1, 1, 1, 1, 25.0));
        byType["icu"].ShouldBe((1, 1, 0, 0, 0, 0, 0.0));
        var inBed = wardBoard.GetProperty("patients").EnumerateArray().ShouldHaveSingleItem();
        inBed.GetProperty("patientId").GetGuid().ShouldBe(patient);
        inBed.GetProperty("patientName").GetString().ShouldBe(name);
        inBed.GetProperty("admissionId").GetGuid().ShouldBe(admission);
        inBed.GetProperty("bedId").GetGuid().ShouldBe(occupied);
        inBed.GetProperty("daysIn").GetInt32().ShouldBeInRange(1, 2);
        Counts(board.GetProperty("counts")).ShouldBe((5, 1, 1, 1, 1, 1, 20.0));
        _ = icu;
    }

    [Fact]
    public async Task An_expired_reservation_no_longer_holds_the_bed_and_its_release_is_recorded_at_the_expiry()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        var start = DateTimeOffset.UtcNow;
        var expiry = start.AddMinutes(30);
        await Adt.OkAsync(await adt.PostAsync($"/api/v1/beds/{bed}/reserve", new { patientId = adt.Patient(), expiresAt = expiry }));

        using (adt.At(start.AddHours(1)))
        {
            var read = await adt.GetAsync($"/api/v1/beds/{bed}");
            read.GetProperty("status").GetString().ShouldBe("available");
            read.GetProperty("reservation").ValueKind.ShouldBe(JsonValueKind.Null);
            (await adt.GetAsync("/api/v1/beds?available=true")).GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetGuid()).ShouldContain(bed);
            Counts((await adt.GetAsync("/api/v1/bed-board")).GetProperty("counts")).Available.ShouldBe(1);

            await adt.AdmitAsync(adt.Patient(), bed);
        }

        var history = (await adt.GetAsync($"/api/v1/beds/{bed}/history")).GetProperty("items").EnumerateArray().ToList();
        history.Select(c => $"{c.GetProperty("from").GetString()}->{c.GetProperty("to").GetString()}").ShouldBe(["available->occupied", "reserved->available", "available->reserved"]);
        history[1].GetProperty("changedAt").GetDateTimeOffset().ShouldBe(HealthCore.Platform.Database.InstantStorage.ToStoredPrecision(expiry));
    }

    private static (int Total, int Available, int Reserved, int Occupied, int Cleaning, int OutOfService, double OccupancyPercent) Counts(JsonElement counts) =>
        (counts.GetProperty("total").GetInt32(), counts.GetProperty("available").GetInt32(), counts.GetProperty("reserved").GetInt32(),
            counts.GetProperty("occupied").GetInt32(), counts.GetProperty("cleaning").GetInt32(), counts.GetProperty("outOfService").GetInt32(),
            counts.GetProperty("occupancyPercent").GetDouble());

    private static async Task ShouldBeForbiddenAsync(HttpResponseMessage response) =>
        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
}

[Collection(AdmissionsPostgresCollection.Name)]
public sealed class AdmissionsAccessTests_on_Postgres(AdmissionsPostgresApp app) : AdmissionsAccessTests(app);

[Collection(AdmissionsSqliteCollection.Name)]
public sealed class AdmissionsAccessTests_on_Sqlite(AdmissionsSqliteApp app) : AdmissionsAccessTests(app);
