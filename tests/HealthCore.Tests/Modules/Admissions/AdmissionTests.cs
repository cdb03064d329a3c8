using System.Text.Json;
using HealthCore.Modules.Admissions;

namespace HealthCore.Tests.Modules.Admissions;

public abstract class AdmissionTests(AdmissionsApp app)
{
    [Fact]
    public async Task Admitting_into_a_bed_occupies_it_and_records_the_admission_and_the_bed_change_in_the_stream()
    {
        var adt = new Adt(app);
        var ward = await adt.WardAsync();
        var bed = await adt.BedAsync(ward);
        var patient = adt.Patient();

        var response = await adt.AdmitAsync(adt.NewAdmission(patient, bed) with { Diagnosis = "J18.9", ExpectedDischargeDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(5)) });
        var admission = await Adt.CreatedAsync(response);

        response.Headers.Location!.ToString().ShouldBe($"/api/v1/admissions/{admission.GetProperty("id").GetGuid()}");
        admission.GetProperty("status").GetString().ShouldBe("active");
        admission.GetProperty("patientId").GetGuid().ShouldBe(patient);
        admission.GetProperty("admissionType").GetString().ShouldBe("emergency");
        admission.GetProperty("diagnosis").GetString().ShouldBe("J18.9");
        admission.GetProperty("currentBed").GetProperty("bedId").GetGuid().ShouldBe(bed);
        admission.GetProperty("currentBed").GetProperty("wardId").GetGuid().ShouldBe(ward);
        admission.GetProperty("transfers").GetArrayLength().ShouldBe(0);
        (await adt.BedStatusAsync(bed)).ShouldBe("occupied");
        var events = await EventsAsync(adt, admission);
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["admitted", "bedStatusChanged"]);
        events[1].GetProperty("bedStatusFrom").GetString().ShouldBe("available");
        events[1].GetProperty("bedStatusTo").GetString().ShouldBe("occupied");
        events.Select(e => e.GetProperty("sequence").GetInt32()).ShouldBe([1, 2]);
    }

    [Theory]
    [InlineData("patientId")]
    [InlineData("admittingPractitionerId")]
    [InlineData("departmentId")]
    public async Task An_admission_naming_an_unknown_patient_practitioner_or_department_answers_400_naming_the_field(string field)
    {
        var adt = new Adt(app);
        var body = adt.NewAdmission(adt.Patient(), await adt.BedInNewWardAsync());
        body = field switch
        {
            "patientId" => body with { PatientId = Guid.CreateVersion7() },
            "admittingPractitionerId" => body with { AdmittingPractitionerId = Guid.CreateVersion7() },
            _ => body with { DepartmentId = Guid.CreateVersion7() },
        };

        await Adt.ShouldRejectFieldAsync(await adt.AdmitAsync(body), field);
    }

    [Theory]
    [InlineData("""{"admittingPractitionerId":"0195a0b2-0000-7000-8000-000000000001","departmentId":"0195a0b2-0000-7000-8000-000000000001","reason":"x","admissionType":"emergency","pending":true}""", "patientId")]
    [InlineData("""{"patientId":"0195a0b2-0000-7000-8000-000000000001","admittingPractitionerId":"0195a0b2-0000-7000-8000-000000000001","departmentId":"0195a0b2-0000-7000-8000-000000000001","reason":"x","admissionType":"walkIn","pending":true}""", "admissionType")]
    [InlineData("""{"patientId":"0195a0b2-0000-7000-8000-000000000001","admittingPractitionerId":"0195a0b2-0000-7000-8000-000000000001","departmentId":"0195a0b2-0000-7000-8000-000000000001","reason":"x","admissionType":"emergency"}""", "bedId")]
    [InlineData("""{"patientId":"0195a0b2-0000-7000-8000-000000000001","admittingPractitionerId":"0195a0b2-0000-7000-8000-000000000001","departmentId":"0195a0b2-0000-7000-8000-000000000001","reason":"x","admissionType":"emergency","pending":true,"bedId":"0195a0b2-0000-7000-8000-000000000001"}""", "pending")]
    [InlineData("""{"patientId":"0195a0b2-0000-7000-8000-000000000001","admittingPractitionerId":"0195a0b2-0000-7000-8000-000000000001","departmentId":"0195a0b2-0000-7000-8000-000000000001","reason":"x","admissionType":"emergency","pending":true,"isolationKind":"airborne"}""", "isolationKind")]
    [InlineData("""{"patientId":"0195a0b2-0000-7000-8000-000000000001","admittingPractitionerId":"0195a0b2-0000-7000-8000-000000000001","departmentId":"0195a0b2-0000-7000-8000-000000000001","reason":"x","admissionType":"emergency","pending":true,"acuity":"extreme"}""", "acuity")]
    [InlineData("""{"patientId":"0195a0b2-0000-7000-8000-000000000001","admittingPractitionerId":"0195a0b2-0000-7000-8000-000000000001","departmentId":"0195a0b2-0000-7000-8000-000000000001","reason":"","admissionType":"emergency","pending":true}""", "reason")]
    public async Task Invalid_admission_input_answers_400_naming_the_field(string json, string field)
    {
        var adt = new Adt(app);

        var response = await adt.Client.PostAsync("/api/v1/admissions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.ToString().ShouldContain(field);
    }

    [Fact]
    public async Task An_inactive_patient_cannot_be_admitted()
    {
        var adt = new Adt(app);

        var response = await adt.AdmitAsync(adt.NewAdmission(adt.Patient(active: false), await adt.BedInNewWardAsync()));

        await Adt.ShouldViolateAsync(response, "patient-inactive");
    }

    [Fact]
    public async Task A_patient_with_an_open_admission_cannot_be_admitted_again()
    {
        var adt = new Adt(app);
        var patient = adt.Patient();
        var first = await adt.AdmitAsync(patient, null);

        var problem = await Adt.ShouldViolateAsync(await adt.AdmitAsync(adt.NewAdmission(patient, await adt.BedInNewWardAsync())), "patient-already-admitted");

        problem.GetProperty("admissionId").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_occupied_bed_cannot_be_taken_by_another_admission()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        await adt.AdmitAsync(adt.Patient(), bed);

        await Adt.ShouldViolateAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), bed)), "bed-not-available", "occupied");
    }

    [Fact]
    public async Task A_bed_in_cleaning_cannot_be_taken_until_it_is_marked_clean()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        await adt.DischargeAsync((await adt.AdmitAsync(adt.Patient(), bed)).GetProperty("id").GetGuid());

        await Adt.ShouldViolateAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), bed)), "bed-not-available", "cleaning");
        await adt.PostAsync($"/api/v1/beds/{bed}/mark-clean");
        await adt.AdmitAsync(adt.Patient(), bed);
    }

    [Fact]
    public async Task Isolation_needs_an_isolation_bed_or_an_isolation_ward()
    {
        var adt = new Adt(app);
        var patient = adt.Patient();
        var body = adt.NewAdmission(patient, await adt.BedInNewWardAsync()) with { IsolationRequired = true, IsolationKind = "contact" };

        await Adt.ShouldViolateAsync(await adt.AdmitAsync(body), "isolation-bed-required");
        await Adt.CreatedAsync(await adt.AdmitAsync(body with { BedId = await adt.BedInNewWardAsync(wardType: "isolation") }));
        var other = adt.NewAdmission(adt.Patient(), await adt.BedInNewWardAsync(bedType: "isolation")) with { IsolationRequired = true, IsolationKind = "droplet" };
        await Adt.CreatedAsync(await adt.AdmitAsync(other));
    }

    [Fact]
    public async Task Airborne_isolation_needs_a_negative_pressure_bed()
    {
        var adt = new Adt(app);
        var body = adt.NewAdmission(adt.Patient(), await adt.BedInNewWardAsync(bedType: "isolation")) with { IsolationRequired = true, IsolationKind = "airborne" };

        await Adt.ShouldViolateAsync(await adt.AdmitAsync(body), "negative-pressure-bed-required");
        await Adt.CreatedAsync(await adt.AdmitAsync(body with { BedId = await adt.BedInNewWardAsync("isolation", "general", "mixed", "negativePressure") }));
    }

    [Theory]
    [InlineData("icu", "standard", false)]
    [InlineData("icu", "ccu", false)]
    [InlineData("icu", "icu", true)]
    [InlineData("ccu", "standard", false)]
    [InlineData("ccu", "ccu", true)]
    [InlineData("ccu", "icu", true)]
    [InlineData("highDependency", "standard", true)]
    public async Task ICU_and_CCU_acuity_need_a_critical_care_bed(string acuity, string bedType, bool allowed)
    {
        var adt = new Adt(app);

        var response = await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), await adt.BedInNewWardAsync(bedType)) with { Acuity = acuity });

        if (allowed)
        {
            await Adt.CreatedAsync(response);
        }
        else
        {
            await Adt.ShouldViolateAsync(response, "critical-care-bed-required");
        }
    }

    [Theory]
    [InlineData("male", "Male", true)]
    [InlineData("male", "Female", false)]
    [InlineData("female", "Female", true)]
    [InlineData("female", "Male", false)]
    [InlineData("female", "Unknown", false)]
    [InlineData("mixed", "Other", true)]
    public async Task A_wards_gender_policy_is_respected(string policy, string gender, bool allowed)
    {
        var adt = new Adt(app);

        var response = await adt.AdmitAsync(adt.NewAdmission(adt.Patient(Enum.Parse<PatientGender>(gender)), await adt.BedInNewWardAsync(genderPolicy: policy)));

        if (allowed)
        {
            await Adt.CreatedAsync(response);
        }
        else
        {
            (await Adt.ShouldViolateAsync(response, "ward-gender-policy")).GetProperty("genderPolicy").GetString().ShouldBe(policy);
        }
    }

    [Fact]
    public async Task A_ward_cannot_become_single_sex_while_it_holds_a_patient_of_another_gender()
    {
        var adt = new Adt(app);
        var ward = await adt.WardAsync();
        await adt.AdmitAsync(adt.Patient(PatientGender.Female), await adt.BedAsync(ward));
        var read = await adt.Client.GetAsync($"/api/v1/wards/{ward}");

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/wards/{ward}") { Content = JsonContent.Create(new { genderPolicy = "male" }) };
        patch.Headers.IfMatch.Add(read.Headers.ETag!);
        await Adt.ShouldViolateAsync(await adt.Client.SendAsync(patch), "ward-gender-policy");

        patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/wards/{ward}") { Content = JsonContent.Create(new { genderPolicy = "female" }) };
        patch.Headers.IfMatch.Add(read.Headers.ETag!);
        (await Adt.OkAsync(await adt.Client.SendAsync(patch))).GetProperty("genderPolicy").GetString().ShouldBe("female");
    }

    [Fact]
    public async Task A_pending_admission_is_assigned_a_bed_later()
    {
        var adt = new Adt(app);
        var patient = adt.Patient();
        var pending = await adt.AdmitAsync(patient, null);
        pending.GetProperty("status").GetString().ShouldBe("pending");
        pending.GetProperty("currentBed").ValueKind.ShouldBe(JsonValueKind.Null);
        var bed = await adt.BedInNewWardAsync();

        var assigned = await adt.AssignAsync(bed, pending.GetProperty("id").GetGuid());

        assigned.GetProperty("status").GetString().ShouldBe("active");
        assigned.GetProperty("currentBed").GetProperty("bedId").GetGuid().ShouldBe(bed);
        (await adt.BedStatusAsync(bed)).ShouldBe("occupied");
        (await EventsAsync(adt, assigned)).Select(e => e.GetProperty("type").GetString()).ShouldBe(["admitted", "bedAssigned", "bedStatusChanged"]);
        await Adt.ShouldViolateAsync(
            await adt.PostAsync($"/api/v1/beds/{await adt.BedInNewWardAsync()}/assign", new { admissionId = assigned.GetProperty("id").GetGuid() }),
            "admission-not-pending", "active");
    }

    [Fact]
    public async Task Assignment_checks_the_same_constraints_as_admission()
    {
        var adt = new Adt(app);
        var pending = await Adt.CreatedAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), null) with { Acuity = "icu" }));
        var id = pending.GetProperty("id").GetGuid();

        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/beds/{await adt.BedInNewWardAsync()}/assign", new { admissionId = id }), "critical-care-bed-required");
        await Adt.ShouldRejectFieldAsync(await adt.PostAsync($"/api/v1/beds/{await adt.BedInNewWardAsync("icu")}/assign", new { admissionId = Guid.CreateVersion7() }), "admissionId");
        (await adt.AssignAsync(await adt.BedInNewWardAsync("icu"), id)).GetProperty("status").GetString().ShouldBe("active");
    }

    [Fact]
    public async Task A_transfer_moves_the_patient_sends_the_old_bed_to_cleaning_and_is_recorded_with_its_timestamps()
    {
        var adt = new Adt(app);
        var ward = await adt.WardAsync();
        var icuWard = await adt.WardAsync("icu");
        var from = await adt.BedAsync(ward);
        var to = await adt.BedAsync(icuWard, "icu");
        var admission = await adt.AdmitAsync(adt.Patient(), from);
        var id = admission.GetProperty("id").GetGuid();

        var moved = await adt.TransferAsync(id, new TransferBody(to, "Deteriorating: needs ventilation", Acuity: "icu"));

        moved.GetProperty("acuity").GetString().ShouldBe("icu");
        moved.GetProperty("currentBed").GetProperty("bedId").GetGuid().ShouldBe(to);
        moved.GetProperty("currentBed").GetProperty("wardId").GetGuid().ShouldBe(icuWard);
        var transfer = moved.GetProperty("transfers").EnumerateArray().ShouldHaveSingleItem();
        transfer.GetProperty("fromBedId").GetGuid().ShouldBe(from);
        transfer.GetProperty("toBedId").GetGuid().ShouldBe(to);
        transfer.GetProperty("fromWardId").GetGuid().ShouldBe(ward);
        transfer.GetProperty("toWardId").GetGuid().ShouldBe(icuWard);
        transfer.GetProperty("reason").GetString().ShouldBe("Deteriorating: needs ventilation");
        transfer.GetProperty("transferredAt").GetDateTimeOffset().ShouldBe(moved.GetProperty("currentBed").GetProperty("since").GetDateTimeOffset());
        (await adt.BedStatusAsync(from)).ShouldBe("cleaning");
        (await adt.BedStatusAsync(to)).ShouldBe("occupied");
        (await EventsAsync(adt, moved)).Select(e => e.GetProperty("type").GetString())
            .ShouldBe(["admitted", "bedStatusChanged", "transferred", "bedStatusChanged", "bedStatusChanged"]);
    }

    [Fact]
    public async Task A_transfer_re_checks_the_constraints_against_the_new_bed()
    {
        var adt = new Adt(app);
        var admission = await Adt.CreatedAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(PatientGender.Male), await adt.BedInNewWardAsync("icu")) with { Acuity = "icu" }));
        var id = admission.GetProperty("id").GetGuid();

        await Adt.ShouldViolateAsync(await TransferAsync(adt, id, new TransferBody(await adt.BedInNewWardAsync(), "Step down")), "critical-care-bed-required");
        await Adt.ShouldViolateAsync(
            await TransferAsync(adt, id, new TransferBody(await adt.BedInNewWardAsync(genderPolicy: "female"), "Step down", Acuity: "standard")), "ward-gender-policy");
        await Adt.ShouldViolateAsync(
            await TransferAsync(adt, id, new TransferBody(await adt.BedInNewWardAsync(), "Infection", Acuity: "standard", IsolationRequired: true)), "isolation-bed-required");
        var occupied = await adt.BedInNewWardAsync();
        await adt.AdmitAsync(adt.Patient(), occupied);
        await Adt.ShouldViolateAsync(await TransferAsync(adt, id, new TransferBody(occupied, "Step down", Acuity: "standard")), "bed-not-available", "occupied");
        await Adt.ShouldViolateAsync(await TransferAsync(adt, id, new TransferBody(admission.GetProperty("currentBed").GetProperty("bedId").GetGuid(), "Same")), "same-bed");

        var stepDown = await adt.TransferAsync(id, new TransferBody(await adt.BedInNewWardAsync(), "Step down", Acuity: "standard"));
        stepDown.GetProperty("acuity").GetString().ShouldBe("standard");
        (await adt.GetAsync($"/api/v1/admissions/{id}")).GetProperty("transfers").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_pending_admission_cannot_be_transferred()
    {
        var adt = new Adt(app);
        var pending = await adt.AdmitAsync(adt.Patient(), null);

        var response = await TransferAsync(adt, pending.GetProperty("id").GetGuid(), new TransferBody(await adt.BedInNewWardAsync(), "x"));

        await Adt.ShouldViolateAsync(response, "admission-pending", "pending");
    }

    [Fact]
    public async Task Discharge_closes_the_admission_computes_the_length_of_stay_and_sends_the_bed_to_cleaning()
    {
        var adt = new Adt(app);
        var admittedAt = DateTimeOffset.UtcNow.Date.AddDays(-3).AddHours(22);
        Guid bed;
        using (adt.At(DateTimeOffset.UtcNow.AddDays(-4)))
        {
            bed = await adt.BedInNewWardAsync();
        }

        var admission = await Adt.CreatedAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), bed) with { AdmittedAt = new DateTimeOffset(admittedAt, TimeSpan.Zero) }));
        var dischargedAt = new DateTimeOffset(admittedAt, TimeSpan.Zero).AddHours(38.5);

        var discharged = await adt.DischargeAsync(
            admission.GetProperty("id").GetGuid(), new DischargeBody("againstMedicalAdvice", "home", "Left against advice", dischargedAt));

        discharged.GetProperty("status").GetString().ShouldBe("discharged");
        discharged.GetProperty("currentBed").ValueKind.ShouldBe(JsonValueKind.Null);
        var discharge = discharged.GetProperty("discharge");
        discharge.GetProperty("type").GetString().ShouldBe("againstMedicalAdvice");
        discharge.GetProperty("disposition").GetString().ShouldBe("home");
        discharge.GetProperty("dischargedAt").GetDateTimeOffset().ShouldBe(dischargedAt);
        discharge.GetProperty("lengthOfStayDays").GetInt32().ShouldBe(2); // 22:00 day 0 to 12:30 day 2: two midnights
        discharge.GetProperty("lengthOfStayHours").GetDouble().ShouldBe(38.5);
        (await adt.BedStatusAsync(bed)).ShouldBe("cleaning");
        var events = await EventsAsync(adt, discharged);
        events[^2].GetProperty("type").GetString().ShouldBe("bedStatusChanged");
        events[^1].GetProperty("type").GetString().ShouldBe("discharged");
        events[^1].GetProperty("details").GetProperty("lengthOfStayDays").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_same_day_stay_has_a_length_of_stay_of_zero_days()
    {
        var adt = new Adt(app);
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-1).AddHours(8), TimeSpan.Zero);
        Guid bed;
        using (adt.At(start.AddDays(-1)))
        {
            bed = await adt.BedInNewWardAsync();
        }

        var admission = await Adt.CreatedAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), bed) with { AdmissionType = "dayCase", AdmittedAt = start }));

        var discharged = await adt.DischargeAsync(admission.GetProperty("id").GetGuid(), new DischargeBody("normal", DischargedAt: start.AddHours(9)));

        discharged.GetProperty("discharge").GetProperty("lengthOfStayDays").GetInt32().ShouldBe(0);
        discharged.GetProperty("discharge").GetProperty("lengthOfStayHours").GetDouble().ShouldBe(9);
    }

    [Fact]
    public async Task After_discharge_the_admission_is_closed_to_transfer_assignment_discharge_and_cancellation()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();
        var id = (await adt.AdmitAsync(adt.Patient(), bed)).GetProperty("id").GetGuid();
        await adt.DischargeAsync(id);
        var otherBed = await adt.BedInNewWardAsync();

        await Adt.ShouldViolateAsync(await TransferAsync(adt, id, new TransferBody(otherBed, "x")), "admission-closed", "discharged");
        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/beds/{otherBed}/assign", new { admissionId = id }), "admission-closed", "discharged");
        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/admissions/{id}/discharge", new DischargeBody("normal")), "admission-closed", "discharged");
        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/admissions/{id}/cancel", new { reason = "x" }), "admission-closed", "discharged");
        (await adt.BedStatusAsync(otherBed)).ShouldBe("available");
        (await adt.BedStatusAsync(bed)).ShouldBe("cleaning");
    }

    [Fact]
    public async Task A_pending_admission_can_be_discharged_without_ever_having_a_bed()
    {
        var adt = new Adt(app);
        var id = (await adt.AdmitAsync(adt.Patient(), null)).GetProperty("id").GetGuid();

        var discharged = await adt.DischargeAsync(id, new DischargeBody("absconded", "unknown"));

        discharged.GetProperty("status").GetString().ShouldBe("discharged");
        discharged.GetProperty("discharge").GetProperty("type").GetString().ShouldBe("absconded");
    }

    [Fact]
    public async Task An_admission_entered_in_error_is_cancelled_and_then_closed()
    {
        var adt = new Adt(app);
        var patient = adt.Patient();
        var bed = await adt.BedInNewWardAsync();
        var id = (await adt.AdmitAsync(patient, bed)).GetProperty("id").GetGuid();

        var cancelled = await Adt.OkAsync(await adt.PostAsync($"/api/v1/admissions/{id}/cancel", new { reason = "Wrong patient selected" }));

        cancelled.GetProperty("status").GetString().ShouldBe("cancelled");
        cancelled.GetProperty("cancellation").GetProperty("reason").GetString().ShouldBe("Wrong patient selected");
        (await adt.BedStatusAsync(bed)).ShouldBe("cleaning");
        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/admissions/{id}/discharge", new DischargeBody("normal")), "admission-closed", "cancelled");
        await Adt.ShouldViolateAsync(await TransferAsync(adt, id, new TransferBody(await adt.BedInNewWardAsync(), "x")), "admission-closed", "cancelled");
        await adt.AdmitAsync(patient, null);
    }

    [Fact]
    public async Task An_admission_with_a_transfer_cannot_be_cancelled()
    {
        var adt = new Adt(app);
        var id = (await adt.AdmitAsync(adt.Patient(), await adt.BedInNewWardAsync())).GetProperty("id").GetGuid();
        await adt.TransferAsync(id, new TransferBody(await adt.BedInNewWardAsync(), "Closer to the nurses' station"));

        await Adt.ShouldViolateAsync(await adt.PostAsync($"/api/v1/admissions/{id}/cancel", new { reason = "x" }), "admission-has-transfers", "active");
    }

    [Fact]
    public async Task Instants_given_in_requests_may_not_be_in_the_future_or_before_what_already_happened()
    {
        var adt = new Adt(app);
        var bed = await adt.BedInNewWardAsync();

        await Adt.ShouldRejectFieldAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), bed) with { AdmittedAt = DateTimeOffset.UtcNow.AddHours(1) }), "admittedAt");
        await Adt.ShouldRejectFieldAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), bed) with { AdmittedAt = DateTimeOffset.UtcNow.AddDays(-1) }), "admittedAt");
        var admittedAt = DateTimeOffset.UtcNow;
        var id = (await Adt.CreatedAsync(await adt.AdmitAsync(adt.NewAdmission(adt.Patient(), bed) with { AdmittedAt = admittedAt }))).GetProperty("id").GetGuid();
        await Adt.ShouldRejectFieldAsync(
            await adt.PostAsync($"/api/v1/admissions/{id}/discharge", new DischargeBody("normal", DischargedAt: admittedAt.AddMinutes(-1))), "dischargedAt");
        await Adt.ShouldRejectFieldAsync(
            await TransferAsync(adt, id, new TransferBody(await adt.BedInNewWardAsync(), "x", TransferredAt: DateTimeOffset.UtcNow.AddMinutes(5))), "transferredAt");
    }

    [Fact]
    public async Task A_readmission_may_not_be_dated_before_the_previous_discharge()
    {
        var adt = new Adt(app);
        var patient = adt.Patient();
        var start = DateTimeOffset.UtcNow.AddHours(-10);
        var first = await Adt.CreatedAsync(await adt.AdmitAsync(adt.NewAdmission(patient, null) with { AdmittedAt = start }));
        await adt.DischargeAsync(first.GetProperty("id").GetGuid(), new DischargeBody("normal", DischargedAt: start.AddHours(5)));

        await Adt.ShouldRejectFieldAsync(await adt.AdmitAsync(adt.NewAdmission(patient, null) with { AdmittedAt = start.AddHours(4) }), "admittedAt");
        await Adt.CreatedAsync(await adt.AdmitAsync(adt.NewAdmission(patient, null) with { AdmittedAt = start.AddHours(6) }));
    }

    [Fact]
    public async Task Admissions_are_listed_newest_first_by_patient_ward_status_and_admission_instant()
    {
        var adt = new Adt(app);
        var patient = adt.Patient();
        var t0 = DateTimeOffset.UtcNow.AddHours(-6);
        Guid ward, bed;
        using (adt.At(t0.AddHours(-1)))
        {
            ward = await adt.WardAsync();
            bed = await adt.BedAsync(ward);
        }

        var old = (await Adt.CreatedAsync(await adt.AdmitAsync(adt.NewAdmission(patient, null) with { AdmittedAt = t0 }))).GetProperty("id").GetGuid();
        await adt.DischargeAsync(old, new DischargeBody("normal", DischargedAt: t0.AddHours(1)));
        var current = (await Adt.CreatedAsync(await adt.AdmitAsync(adt.NewAdmission(patient, bed) with { AdmittedAt = t0.AddHours(2) }))).GetProperty("id").GetGuid();
        var someoneElse = (await adt.AdmitAsync(adt.Patient(), null)).GetProperty("id").GetGuid();

        async Task<Guid[]> ListAsync(string query) =>
            [.. (await adt.GetAsync($"/api/v1/admissions?{query}")).GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid())];

        (await ListAsync("")).ShouldBe([someoneElse, current, old]);
        (await ListAsync($"patientId={patient}")).ShouldBe([current, old]);
        (await ListAsync($"wardId={ward}")).ShouldBe([current]);
        (await ListAsync("status=discharged")).ShouldBe([old]);
        (await ListAsync("status=pending")).ShouldBe([someoneElse]);
        (await ListAsync($"from={Uri.EscapeDataString(t0.AddHours(1).ToString("O"))}&to={Uri.EscapeDataString(t0.AddHours(3).ToString("O"))}")).ShouldBe([current]);
        var page = await adt.GetAsync("/api/v1/admissions?limit=2");
        var next = await adt.GetAsync($"/api/v1/admissions?limit=2&cursor={page.GetProperty("nextCursor").GetString()}");
        next.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldBe([old]);
        await Adt.ShouldRejectFieldAsync(await adt.Client.GetAsync("/api/v1/admissions?status=asleep"), "status");
    }

    [Fact]
    public async Task The_event_stream_of_an_admission_cannot_be_changed_in_the_database_on_PostgreSQL()
    {
        if (app.Provider != HealthCore.Platform.Database.DatabaseProvider.Postgres)
        {
            return;
        }

        var adt = new Adt(app);
        var id = (await adt.AdmitAsync(adt.Patient(), null)).GetProperty("id").GetGuid();
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var update = new Npgsql.NpgsqlCommand("UPDATE admissions.admission_events SET reason = 'forged' WHERE admission_id = @id", connection);
        update.Parameters.AddWithValue("id", id);

        var error = await Should.ThrowAsync<Npgsql.PostgresException>(() => update.ExecuteNonQueryAsync());

        error.SqlState.ShouldBe(Npgsql.PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task Admitting_with_the_same_Idempotency_Key_twice_admits_once_and_replays_the_answer()
    {
        var adt = new Adt(app);
        var body = adt.NewAdmission(adt.Patient(), await adt.BedInNewWardAsync());

        async Task<HttpResponseMessage> SendAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admissions") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "admit-once");
            return await adt.Client.SendAsync(request);
        }

        var first = await Adt.CreatedAsync(await SendAsync());
        var retry = await SendAsync();

        var replayed = await Adt.CreatedAsync(retry);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        replayed.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        (await adt.GetAsync($"/api/v1/admissions?patientId={body.PatientId}")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Admission_transfer_and_discharge_publish_integration_events_through_the_outbox()
    {
        var adt = new Adt(app);
        var (first, second) = (await adt.BedInNewWardAsync(), await adt.BedInNewWardAsync());
        var patient = adt.Patient();
        var id = (await adt.AdmitAsync(patient, first)).GetProperty("id").GetGuid();
        await adt.TransferAsync(id, new TransferBody(second, "Closer to theatre"));
        await adt.DischargeAsync(id, new DischargeBody("normal", "home"));

        var events = await app.OutboxAsync(id);

        events.Select(e => e.Type).ShouldBe(
            ["PatientAdmitted", "BedStatusChanged", "PatientTransferred", "BedStatusChanged", "BedStatusChanged", "BedStatusChanged", "PatientDischarged"],
            ignoreOrder: true);
        var admitted = events.First(e => e.Type == "PatientAdmitted").Payload;
        admitted.GetProperty("patientId").GetGuid().ShouldBe(patient);
        admitted.GetProperty("bedId").GetGuid().ShouldBe(first);
        var transferred = events.First(e => e.Type == "PatientTransferred").Payload;
        transferred.GetProperty("fromBedId").GetGuid().ShouldBe(first);
        transferred.GetProperty("toBedId").GetGuid().ShouldBe(second);
        var discharged = events.First(e => e.Type == "PatientDischarged").Payload;
        discharged.GetProperty("bedId").GetGuid().ShouldBe(second);
        discharged.GetProperty("dischargeType").GetString().ShouldBe("normal");
        discharged.GetProperty("lengthOfStayDays").GetInt32().ShouldBe(0);
        events.Where(e => e.Type == "BedStatusChanged").Select(e => $"{e.Payload.GetProperty("from").GetString()}->{e.Payload.GetProperty("to").GetString()}")
            .ShouldBe(["available->occupied", "occupied->cleaning", "available->occupied", "occupied->cleaning"], ignoreOrder: true);
    }

    internal static async Task<List<JsonElement>> EventsAsync(Adt adt, JsonElement admission) =>
        [.. (await adt.GetAsync($"/api/v1/admissions/{admission.GetProperty("id").GetGuid()}/events")).GetProperty("items").EnumerateArray()];

    private static Task<HttpResponseMessage> TransferAsync(Adt adt, Guid admission, TransferBody body) =>
        adt.PostAsync($"/api/v1/admissions/{admission}/transfer", body);
}

[Collection(AdmissionsPostgresCollection.Name)]
public sealed class AdmissionTests_on_Postgres(AdmissionsPostgresApp app) : AdmissionTests(app);

[Collection(AdmissionsSqliteCollection.Name)]
public sealed class AdmissionTests_on_Sqlite(AdmissionsSqliteApp app) : AdmissionTests(app);
