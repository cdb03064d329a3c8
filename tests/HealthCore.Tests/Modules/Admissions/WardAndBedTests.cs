using System.Net.Http.Headers;
using System.Text.Json;

namespace HealthCore.Tests.Modules.Admissions;

public abstract class WardAndBedTests(AdmissionsApp app)
{
    [Fact]
    public async Task A_ward_is_created_read_and_updated_with_If_Match()
    {
        var adt = new Adt(app);
        var body = adt.NewWard("icu", "female", 8) with { Features = ["central monitoring"] };
        var created = await adt.Client.PostAsJsonAsync("/api/v1/wards", body);
        var ward = await Adt.CreatedAsync(created);

        ward.GetProperty("type").GetString().ShouldBe("icu");
        ward.GetProperty("genderPolicy").GetString().ShouldBe("female");
        ward.GetProperty("capacity").GetInt32().ShouldBe(8);
        ward.GetProperty("bedCount").GetInt32().ShouldBe(0);
        ward.GetProperty("features").EnumerateArray().Select(f => f.GetString()).ShouldBe(["central monitoring"]);
        var read = await adt.Client.GetAsync(created.Headers.Location);
        read.Headers.ETag.ShouldBe(created.Headers.ETag);

        var patch = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location) { Content = JsonContent.Create(new { capacity = 10, genderPolicy = "mixed" }) };
        var withoutIfMatch = await adt.Client.SendAsync(patch);
        await ProblemAssertions.ShouldBeProblemAsync(withoutIfMatch, HttpStatusCode.PreconditionRequired);

        patch = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location) { Content = JsonContent.Create(new { capacity = 10, genderPolicy = "mixed" }) };
        patch.Headers.IfMatch.Add(created.Headers.ETag!);
        var updated = await Adt.OkAsync(await adt.Client.SendAsync(patch));
        updated.GetProperty("capacity").GetInt32().ShouldBe(10);
        updated.GetProperty("genderPolicy").GetString().ShouldBe("mixed");
        updated.GetProperty("name").GetString().ShouldBe(body.Name);
        updated.GetProperty("version").GetInt32().ShouldBe(1);

        var stale = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location) { Content = JsonContent.Create(new { capacity = 12 }) };
        stale.Headers.IfMatch.Add(created.Headers.ETag!);
        await ProblemAssertions.ShouldBeProblemAsync(await adt.Client.SendAsync(stale), HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("""{"facilityId":null,"name":"W","type":"general","capacity":5}""", "facilityId")]
    [InlineData("""{"facilityId":"0195a0b2-0000-7000-8000-000000000001","name":"","type":"general","capacity":5}""", "name")]
    [InlineData("""{"facilityId":"0195a0b2-0000-7000-8000-000000000001","name":"W","type":"spaceship","capacity":5}""", "type")]
    [InlineData("""{"facilityId":"0195a0b2-0000-7000-8000-000000000001","name":"W","type":"general","capacity":0}""", "capacity")]
    [InlineData("""{"facilityId":"0195a0b2-0000-7000-8000-000000000001","name":"W","type":"general","capacity":5,"genderPolicy":"robots"}""", "genderPolicy")]
    [InlineData("""{"facilityId":"0195a0b2-0000-7000-8000-000000000001","name":"W","type":"general","capacity":5,"features":["a","A"]}""", "features")]
    public async Task Invalid_ward_input_answers_400_naming_the_field(string json, string field)
    {
        var adt = new Adt(app);

        var response = await adt.Client.PostAsync("/api/v1/wards", new StringContent(json, new MediaTypeHeaderValue("application/json")));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.ToString().ShouldContain(field);
    }

    [Fact]
    public async Task A_ward_with_an_unknown_department_answers_400_naming_departmentId()
    {
        var adt = new Adt(app);

        var response = await adt.Client.PostAsJsonAsync("/api/v1/wards", adt.NewWard() with { DepartmentId = Guid.CreateVersion7() });

        await Adt.ShouldRejectFieldAsync(response, "departmentId");
    }

    [Fact]
    public async Task A_bed_may_be_recorded_in_service_since_a_past_instant_so_admissions_can_be_dated_from_then()
    {
        var adt = new Adt(app);
        var ward = await adt.WardAsync();
        var since = DateTimeOffset.UtcNow.AddDays(-30);

        var bed = await Adt.CreatedAsync(await adt.Client.PostAsJsonAsync("/api/v1/beds", new BedBody(ward, "Old-1", "standard", InServiceSince: since)));
        var admission = adt.NewAdmission(adt.Patient(), bed.GetProperty("id").GetGuid()) with { AdmittedAt = since.AddDays(2) };

        bed.GetProperty("inServiceSince").GetDateTimeOffset().ShouldBe(HealthCore.Platform.Database.InstantStorage.ToStoredPrecision(since));
        bed.GetProperty("statusChangedAt").GetDateTimeOffset().ShouldBe(HealthCore.Platform.Database.InstantStorage.ToStoredPrecision(since));
        await Adt.CreatedAsync(await adt.AdmitAsync(admission));
        await Adt.ShouldRejectFieldAsync(
            await adt.Client.PostAsJsonAsync("/api/v1/beds", new BedBody(ward, "New-1", "standard", InServiceSince: DateTimeOffset.UtcNow.AddDays(1))), "inServiceSince");
    }

    [Fact]
    public async Task Ward_names_are_unique_in_a_facility()
    {
        var adt = new Adt(app);
        var ward = adt.NewWard();
        await Adt.CreatedAsync(await adt.Client.PostAsJsonAsync("/api/v1/wards", ward));

        await Adt.ShouldViolateAsync(await adt.Client.PostAsJsonAsync("/api/v1/wards", ward), "ward-name-taken");
        await Adt.CreatedAsync(await adt.Client.PostAsJsonAsync("/api/v1/wards", ward with { FacilityId = adt.OtherFacility() }));
    }

    [Fact]
    public async Task A_bed_is_created_available_with_its_features_and_numbers_are_unique_in_the_ward()
    {
        var adt = new Adt(app);
        var ward = await adt.WardAsync();

        var bed = await Adt.CreatedAsync(await adt.Client.PostAsJsonAsync("/api/v1/beds", new BedBody(ward, "12A", "icu", ["ventilator", "oxygen"])));

        bed.GetProperty("status").GetString().ShouldBe("available");
        bed.GetProperty("type").GetString().ShouldBe("icu");
        bed.GetProperty("features").EnumerateArray().Select(f => f.GetString()).ShouldBe(["oxygen", "ventilator"]);
        await Adt.ShouldViolateAsync(await adt.Client.PostAsJsonAsync("/api/v1/beds", new BedBody(ward, "12A", "standard")), "bed-number-taken");
        (await adt.GetAsync($"/api/v1/wards/{ward}")).GetProperty("bedCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_ward_takes_no_more_beds_than_its_capacity_and_its_capacity_cannot_drop_below_its_beds()
    {
        var adt = new Adt(app);
        var ward = await adt.WardAsync(capacity: 2);
        await adt.BedAsync(ward);
        await adt.BedAsync(ward);

        await Adt.ShouldViolateAsync(await adt.Client.PostAsJsonAsync("/api/v1/beds", new BedBody(ward, "C", "standard")), "ward-capacity-reached");
        var read = await adt.Client.GetAsync($"/api/v1/wards/{ward}");
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/wards/{ward}") { Content = JsonContent.Create(new { capacity = 1 }) };
        patch.Headers.IfMatch.Add(read.Headers.ETag!);
        await Adt.ShouldViolateAsync(await adt.Client.SendAsync(patch), "ward-capacity-reached");
    }

    [Theory]
    [InlineData("""{"wardId":null,"number":"1","type":"standard"}""", "wardId")]
    [InlineData("""{"wardId":"0195a0b2-0000-7000-8000-000000000001","number":"1","type":"standard"}""", "wardId")]
    [InlineData("""{"wardId":"0195a0b2-0000-7000-8000-000000000001","number":"1","type":"hammock"}""", "type")]
    [InlineData("""{"wardId":"0195a0b2-0000-7000-8000-000000000001","number":"1","type":"standard","features":["jacuzzi"]}""", "features")]
    [InlineData("""{"wardId":"0195a0b2-0000-7000-8000-000000000001","number":"123456789012345678901","type":"standard"}""", "number")]
    public async Task Invalid_bed_input_answers_400_naming_the_field(string json, string field)
    {
        var adt = new Adt(app);

        var response = await adt.Client.PostAsync("/api/v1/beds", new StringContent(json, new MediaTypeHeaderValue("application/json")));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.ToString().ShouldContain(field);
    }

    [Fact]
    public async Task Beds_are_listed_by_ward_type_status_feature_and_availability()
    {
        var adt = new Adt(app);
        var ward = await adt.WardAsync();
        var icu = await adt.BedAsync(ward, "icu", "ventilator");
        var standard = await adt.BedAsync(ward, "standard", "oxygen");
        var blocked = await adt.BedAsync(ward);
        (await adt.PostAsync($"/api/v1/beds/{blocked}/block", new { reason = "Broken rail" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var elsewhere = await adt.BedInNewWardAsync();

        async Task<Guid[]> ListAsync(string query) =>
            [.. (await adt.GetAsync($"/api/v1/beds?{query}")).GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetGuid())];

        (await ListAsync($"wardId={ward}")).ShouldBe([icu, standard, blocked]);
        (await ListAsync($"wardId={ward}&type=icu")).ShouldBe([icu]);
        (await ListAsync($"wardId={ward}&feature=oxygen")).ShouldBe([standard]);
        (await ListAsync($"wardId={ward}&status=blocked")).ShouldBe([blocked]);
        (await ListAsync($"wardId={ward}&available=true")).ShouldBe([icu, standard]);
        (await ListAsync($"wardId={ward}&available=false")).ShouldBe([blocked]);
        (await ListAsync("available=true")).ShouldBe([icu, standard, elsewhere]);
        await ProblemAssertions.ShouldBeProblemAsync(await adt.Client.GetAsync("/api/v1/beds?status=broken"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_bed_goes_to_cleaning_on_discharge_and_back_to_available_when_marked_clean()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        var admission = (await adt.AdmitAsync(adt.Patient(), bed)).GetProperty("id").GetGuid();
        (await adt.BedStatusAsync(bed)).ShouldBe("occupied");

        await adt.DischargeAsync(admission);
        (await adt.BedStatusAsync(bed)).ShouldBe("cleaning");

        var cleaned = await Adt.OkAsync(await adt.PostAsync($"/api/v1/beds/{bed}/mark-clean"));
        cleaned.GetProperty("status").GetString().ShouldBe("available");
        var history = (await adt.GetAsync($"/api/v1/beds/{bed}/history")).GetProperty("items").EnumerateArray()
            .Select(c => $"{c.GetProperty("from").GetString()}->{c.GetProperty("to").GetString()}").ToList();
        history.ShouldBe(["cleaning->available", "occupied->cleaning", "available->occupied"]);
    }

    [Fact]
    public async Task Maintenance_needs_a_reason_and_the_bed_returns_to_service_as_available()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();

        await Adt.ShouldRejectFieldAsync(await adt.PostAsync($"/api/v1/beds/{bed}/maintenance", new { reason = "" }), "reason");
        var inMaintenance = await Adt.OkAsync(await adt.PostAsync($"/api/v1/beds/{bed}/maintenance", new { reason = "Motor fault" }));
        inMaintenance.GetProperty("status").GetString().ShouldBe("maintenance");
        inMaintenance.GetProperty("statusReason").GetString().ShouldBe("Motor fault");

        var back = await Adt.OkAsync(await adt.PostAsync($"/api/v1/beds/{bed}/return-to-service"));
        back.GetProperty("status").GetString().ShouldBe("available");
        back.GetProperty("statusReason").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_cleaning_bed_can_go_to_maintenance_and_then_be_blocked()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        await adt.DischargeAsync((await adt.AdmitAsync(adt.Patient(), bed)).GetProperty("id").GetGuid());

        (await Adt.OkAsync(await adt.PostAsync($"/api/v1/beds/{bed}/maintenance", new { reason = "Mattress torn" }))).GetProperty("status").GetString().ShouldBe("maintenance");
        (await Adt.OkAsync(await adt.PostAsync($"/api/v1/beds/{bed}/block", new { reason = "Awaiting part" }))).GetProperty("status").GetString().ShouldBe("blocked");
        (await Adt.OkAsync(await adt.PostAsync($"/api/v1/beds/{bed}/return-to-service"))).GetProperty("status").GetString().ShouldBe("available");
    }

    [Fact]
    public async Task Illegal_bed_transitions_answer_409_naming_the_current_status()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();

        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/beds/{bed}/mark-clean"), "illegal-bed-transition", "available");
        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/beds/{bed}/return-to-service"), "illegal-bed-transition", "available");
        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/beds/{bed}/release"), "illegal-bed-transition", "available");

        await adt.AdmitAsync(adt.Patient(), bed);
        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/beds/{bed}/maintenance", new { reason = "x" }), "illegal-bed-transition", "occupied");
        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/beds/{bed}/block", new { reason = "x" }), "illegal-bed-transition", "occupied");
        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/beds/{bed}/mark-clean"), "illegal-bed-transition", "occupied");
        await Adt.ShouldViolateAsync(
            await adt.PostAsync($"/api/v1/beds/{bed}/reserve", new { patientId = adt.Patient(), expiresAt = DateTimeOffset.UtcNow.AddHours(1) }),
            "illegal-bed-transition", "occupied");
        (await adt.BedStatusAsync(bed)).ShouldBe("occupied");
    }

    [Fact]
    public async Task Beds_out_of_service_cannot_be_reserved_cleaned_or_taken()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        await adt.PostAsync($"/api/v1/beds/{bed}/block", new { reason = "Flooded bay" });

        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/beds/{bed}/mark-clean"), "illegal-bed-transition", "blocked");
        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/beds/{bed}/maintenance", new { reason = "x" }), "illegal-bed-transition", "blocked");
        await Adt.ShouldViolateAsync(
            await adt.PostAsync($"/api/v1/beds/{bed}/reserve", new { patientId = adt.Patient(), expiresAt = DateTimeOffset.UtcNow.AddHours(1) }),
            "illegal-bed-transition", "blocked");
        await Adt.ShouldViolateAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), bed)), "bed-not-available", "blocked");
    }

    [Fact]
    public async Task A_reserved_bed_is_held_for_its_patient_and_released_back_to_available()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        var incoming = adt.Patient();
        var expiry = DateTimeOffset.UtcNow.AddHours(2);

        var reserved = await Adt.OkAsync(await adt.PostAsync($"/api/v1/beds/{bed}/reserve", new { patientId = incoming, expiresAt = expiry, note = "From ED" }));
        reserved.GetProperty("status").GetString().ShouldBe("reserved");
        reserved.GetProperty("reservation").GetProperty("patientId").GetGuid().ShouldBe(incoming);

        await Adt.ShouldViolateAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), bed)), "bed-reserved-for-another-patient", "reserved");
        (await Adt.OkAsync(await adt.PostAsync($"/api/v1/beds/{bed}/release"))).GetProperty("status").GetString().ShouldBe("available");
        (await adt.BedStatusAsync(bed)).ShouldBe("available");
    }

    [Fact]
    public async Task The_reserved_patient_takes_the_reserved_bed()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        var incoming = adt.Patient();
        await Adt.OkAsync(await adt.PostAsync($"/api/v1/beds/{bed}/reserve", new { patientId = incoming, expiresAt = DateTimeOffset.UtcNow.AddHours(2) }));

        var admission = await adt.AdmitAsync(incoming, bed);

        admission.GetProperty("currentBed").GetProperty("bedId").GetGuid().ShouldBe(bed);
        var read = await adt.GetAsync($"/api/v1/beds/{bed}");
        read.GetProperty("status").GetString().ShouldBe("occupied");
        read.GetProperty("reservation").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_reservation_needs_a_future_expiry_within_a_week_and_a_known_active_patient()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();

        await Adt.ShouldRejectFieldAsync(
            await adt.PostAsync($"/api/v1/beds/{bed}/reserve", new { patientId = adt.Patient(), expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }), "expiresAt");
        await Adt.ShouldRejectFieldAsync(
            await adt.PostAsync($"/api/v1/beds/{bed}/reserve", new { patientId = adt.Patient(), expiresAt = DateTimeOffset.UtcNow.AddDays(8) }), "expiresAt");
        await Adt.ShouldRejectFieldAsync(
            await adt.PostAsync($"/api/v1/beds/{bed}/reserve", new { patientId = Guid.CreateVersion7(), expiresAt = DateTimeOffset.UtcNow.AddHours(1) }), "patientId");
        await Adt.ShouldViolateAsync(
            await adt.PostAsync($"/api/v1/beds/{bed}/reserve", new { patientId = adt.Patient(active: false), expiresAt = DateTimeOffset.UtcNow.AddHours(1) }),
            "patient-inactive");
        (await adt.BedStatusAsync(bed)).ShouldBe("available");
    }

    [Fact]
    public async Task A_reservation_for_a_patient_the_ward_gender_policy_excludes_answers_409()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync(genderPolicy: "female");

        var response = await adt.PostAsync(
            $"/api/v1/beds/{bed}/reserve", new { patientId = adt.Patient(HealthCore.Modules.Admissions.PatientGender.Male), expiresAt = DateTimeOffset.UtcNow.AddHours(1) });

        await Adt.ShouldViolateAsync(response, "ward-gender-policy");
    }

    [Fact]
    public async Task The_type_and_features_of_an_occupied_bed_cannot_change_but_its_number_can()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        await adt.AdmitAsync(adt.Patient(), bed);
        var read = await adt.Client.GetAsync($"/api/v1/beds/{bed}");

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/beds/{bed}") { Content = JsonContent.Create(new { type = "icu" }) };
        patch.Headers.IfMatch.Add(read.Headers.ETag!);
        await Adt.ShouldViolateAsync(await adt.Client.SendAsync(patch), "bed-in-use", "occupied");

        patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/beds/{bed}") { Content = JsonContent.Create(new { number = "Window" }) };
        patch.Headers.IfMatch.Add(read.Headers.ETag!);
        (await Adt.OkAsync(await adt.Client.SendAsync(patch))).GetProperty("number").GetString().ShouldBe("Window");
    }

    [Fact]
    public async Task A_merge_patch_null_clears_a_wards_department_and_features_and_restores_the_mixed_gender_policy()
    {
        var adt = new Adt(app);
        var created = await adt.Client.PostAsJsonAsync("/api/v1/wards", adt.NewWard("icu", "female", 8) with { Features = ["central monitoring"] });
        (await Adt.CreatedAsync(created)).GetProperty("departmentId").GetGuid().ShouldBe(adt.Department);

        var updated = await Adt.OkAsync(await adt.Client.SendAsync(
            MergePatchRequest.Create(created.Headers.Location!.ToString(), """{"departmentId":null,"features":null,"genderPolicy":null}""", created.Headers.ETag!)));

        updated.GetProperty("departmentId").ValueKind.ShouldBe(JsonValueKind.Null);
        updated.GetProperty("features").GetArrayLength().ShouldBe(0);
        updated.GetProperty("genderPolicy").GetString().ShouldBe("mixed");
        updated.GetProperty("type").GetString().ShouldBe("icu", "an omitted field stays");
        await Adt.ShouldRejectFieldAsync(
            await adt.Client.SendAsync(MergePatchRequest.Create(created.Headers.Location!.ToString(), """{"capacity":null}""", new EntityTagHeaderValue("\"1\""))), "capacity");
    }

    [Fact]
    public async Task A_merge_patch_null_clears_a_beds_features_and_a_null_number_answers_400()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync("standard", "general", "mixed", "oxygen", "monitor");
        var read = await adt.Client.GetAsync($"/api/v1/beds/{bed}");

        await Adt.ShouldRejectFieldAsync(await adt.Client.SendAsync(MergePatchRequest.Create($"/api/v1/beds/{bed}", """{"number":null}""", read.Headers.ETag!)), "number");
        await Adt.ShouldRejectFieldAsync(await adt.Client.SendAsync(MergePatchRequest.Create($"/api/v1/beds/{bed}", """{"wardId":"0195a0b2-0000-7000-8000-000000000001"}""", read.Headers.ETag!)), "wardId");
        var updated = await Adt.OkAsync(await adt.Client.SendAsync(MergePatchRequest.Create($"/api/v1/beds/{bed}", """{"features":null}""", read.Headers.ETag!)));

        updated.GetProperty("features").GetArrayLength().ShouldBe(0);
        updated.GetProperty("type").GetString().ShouldBe("standard");
    }
}

[Collection(AdmissionsPostgresCollection.Name)]
public sealed class WardAndBedTests_on_Postgres(AdmissionsPostgresApp app) : WardAndBedTests(app);

[Collection(AdmissionsSqliteCollection.Name)]
public sealed class WardAndBedTests_on_Sqlite(AdmissionsSqliteApp app) : WardAndBedTests(app);
