namespace HealthCore.Tests.Modules.Scheduling;

/// <summary>
/// Who may do what (Receptionist books and cancels, Nurse checks in, Doctor completes their own appointments, Admin any)
/// and tenant isolation of every endpoint.
/// </summary>
public abstract class SchedulingAccessTests(SchedulingApp app)
{
    public static TheoryData<string, string, string, bool> RoleMatrix()
    {
        var data = new TheoryData<string, string, string, bool>();
        void Add(string role, bool allowed, params string[] endpoints)
        {
            foreach (var endpoint in endpoints)
            {
                var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
                data.Add(role, method, path, allowed);
            }
        }

        const string id = "0190a000-0000-7000-8000-000000000001";
        string[] book = ["POST /api/v1/appointments", $"POST /api/v1/appointments/{id}/cancel", $"POST /api/v1/appointments/{id}/confirm",
            $"POST /api/v1/appointments/{id}/reschedule", $"POST /api/v1/appointments/{id}/no-show", $"POST /api/v1/appointments/{id}/remind",
            "POST /api/v1/waitlist", $"POST /api/v1/waitlist/{id}/accept"];
        string[] checkIn = [$"POST /api/v1/appointments/{id}/check-in"];
        string[] complete = [$"POST /api/v1/appointments/{id}/start", $"POST /api/v1/appointments/{id}/complete"];
        string[] read = ["GET /api/v1/appointments", $"GET /api/v1/appointments/{id}", "GET /api/v1/schedules", "GET /api/v1/waitlist",
            $"GET /api/v1/slots?practitionerId={id}", "GET /api/v1/shifts?date=2027-01-04", $"GET /api/v1/practitioners/{id}/availability?date=2027-01-04"];
        string[] manage = ["POST /api/v1/schedules", $"PATCH /api/v1/schedules/{id}", $"POST /api/v1/schedules/{id}/exceptions", "POST /api/v1/shifts",
            $"POST /api/v1/shifts/{id}/assignments"];

        Add("Receptionist", true, [.. book, .. checkIn, .. read]);
        Add("Receptionist", false, [.. complete, .. manage]);
        Add("Nurse", true, [.. checkIn, .. read]);
        Add("Nurse", false, [.. book, .. complete, .. manage]);
        Add("Doctor", true, [.. book, .. complete, .. read]);
        Add("Doctor", false, [.. checkIn, .. manage]);
        Add("Admin", true, [.. manage, .. complete]);
        Add("Radiologist", true, [.. complete, "GET /api/v1/appointments", $"GET /api/v1/appointments/{id}"]);
        Add("Radiologist", false, [.. book, .. checkIn, .. manage]);
        Add("Pharmacist", false, [.. read]);
        return data;
    }

    [Theory]
    [MemberData(nameof(RoleMatrix))]
    public async Task Each_role_reaches_exactly_its_scheduling_endpoints(string role, string method, string path, bool allowed)
    {
        var client = app.NewClinic().As(role);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });

        if (allowed)
        {
            response.StatusCode.ShouldNotBe(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
            response.StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        }
        else
        {
            await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task A_receptionist_books_and_cancels_a_nurse_checks_in_and_a_doctor_completes()
    {
        var clinic = app.NewClinic();
        var doctorUser = await clinic.Staff.NewUserAsync();
        var schedule = await clinic.AroundTheClockAsync(doctorUserId: doctorUser);
        var receptionist = clinic.As("Receptionist");
        var id = (await Json.ReadAsync(await clinic.BookAsync(schedule, clinic.Soon(), await clinic.NewPatientAsync(), client: receptionist), HttpStatusCode.Created)).Id();
        var other = (await Json.ReadAsync(await clinic.BookAsync(schedule, clinic.Soon(TimeSpan.FromHours(1)), await clinic.NewPatientAsync(), client: receptionist), HttpStatusCode.Created)).Id();

        (await clinic.PostAsync($"/api/v1/appointments/{other}/cancel", new { reason = "Unwell" }, receptionist)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clinic.PostAsync($"/api/v1/appointments/{id}/check-in", client: clinic.As("Nurse"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var doctor = clinic.As("Doctor", doctorUser);
        (await clinic.PostAsync($"/api/v1/appointments/{id}/start", client: doctor)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json.ReadAsync(await clinic.PostAsync($"/api/v1/appointments/{id}/complete", client: doctor), HttpStatusCode.OK)).Status().ShouldBe("completed");
    }

    [Fact]
    public async Task A_doctor_starts_and_completes_only_the_appointments_of_their_own_practitioner_and_an_admin_any()
    {
        var (clinic, doctorUser, own, other) = await OwnAndColleaguesAppointmentsAsync();
        foreach (var id in new[] { own, other })
        {
            (await clinic.PostAsync($"/api/v1/appointments/{id}/check-in")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var doctor = clinic.As("Doctor", doctorUser);
        var refused = await ProblemAssertions.ShouldBeProblemAsync(
            await clinic.PostAsync($"/api/v1/appointments/{other}/start", client: doctor), HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString()!.ShouldContain(other.ToString());
        (await Json.ReadAsync(await clinic.PostAsync($"/api/v1/appointments/{own}/start", client: doctor), HttpStatusCode.OK)).Status().ShouldBe("inProgress");
        (await Json.ReadAsync(await clinic.PostAsync($"/api/v1/appointments/{own}/complete", client: doctor), HttpStatusCode.OK)).Status().ShouldBe("completed");

        var admin = clinic.As("Admin");
        (await Json.ReadAsync(await clinic.PostAsync($"/api/v1/appointments/{other}/start", client: admin), HttpStatusCode.OK)).Status().ShouldBe("inProgress");
        await ProblemAssertions.ShouldBeProblemAsync(await clinic.PostAsync($"/api/v1/appointments/{other}/complete", client: doctor), HttpStatusCode.Forbidden);
        (await clinic.GetJsonAsync($"/api/v1/appointments/{other}")).Status().ShouldBe("inProgress");
        (await Json.ReadAsync(await clinic.PostAsync($"/api/v1/appointments/{other}/complete", client: admin), HttpStatusCode.OK)).Status().ShouldBe("completed");
    }

    [Fact]
    public async Task A_radiologist_starts_and_completes_modality_appointments_and_a_doctor_cannot()
    {
        var clinic = app.NewClinic();
        var departmentId = await clinic.NewDepartmentAsync();
        await clinic.CreateScheduleAsync(new
        {
            modality = "MRI", departmentId, daysOfWeek = Enum.GetNames<DayOfWeek>().Select(d => d.ToLowerInvariant()), startTime = "00:00",
            endTime = "23:55", slotMinutes = 5, effectiveFrom = DateOnly.FromDateTime(app.Now.UtcDateTime).AddDays(-1),
        });
        var booked = await clinic.Staff.PostAsJsonAsync("/api/v1/appointments", new
        {
            patientId = await clinic.NewPatientAsync(), modality = "mri", departmentId, startsAt = clinic.Soon(), type = "imagingExam",
        });
        var id = (await Json.ReadAsync(booked, HttpStatusCode.Created)).Id();
        (await clinic.PostAsync($"/api/v1/appointments/{id}/check-in")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var doctorUser = await clinic.Staff.NewUserAsync();
        await clinic.NewPractitionerAsync(doctorUser);
        var doctor = clinic.As("Doctor", doctorUser);
        var refused = await ProblemAssertions.ShouldBeProblemAsync(
            await clinic.PostAsync($"/api/v1/appointments/{id}/start", client: doctor), HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString()!.ShouldContain("appointments.complete.modality");
        (await clinic.GetJsonAsync($"/api/v1/appointments/{id}")).Status().ShouldBe("checkedIn");

        var radiologist = clinic.As("Radiologist");
        (await Json.ReadAsync(await clinic.PostAsync($"/api/v1/appointments/{id}/start", client: radiologist), HttpStatusCode.OK)).Status().ShouldBe("inProgress");
        (await Json.ReadAsync(await clinic.PostAsync($"/api/v1/appointments/{id}/complete", client: radiologist), HttpStatusCode.OK)).Status().ShouldBe("completed");
    }

    [Fact]
    public async Task A_doctor_without_a_linked_practitioner_can_start_no_appointment_and_has_no_own_list()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.AroundTheClockAsync();
        var id = (await clinic.BookedAsync(schedule, clinic.Soon())).Id();
        (await clinic.PostAsync($"/api/v1/appointments/{id}/check-in")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var unlinked = clinic.As("Doctor");

        await ProblemAssertions.ShouldBeProblemAsync(await clinic.PostAsync($"/api/v1/appointments/{id}/start", client: unlinked), HttpStatusCode.Forbidden);
        (await clinic.GetJsonAsync($"/api/v1/appointments/{id}")).Status().ShouldBe("checkedIn");
        var problem = await ProblemAssertions.ShouldBeProblemAsync(await unlinked.GetAsync("/api/v1/appointments?mine=true"), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("mine", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Mine_lists_only_the_appointments_of_the_callers_own_practitioner()
    {
        var (clinic, doctorUser, own, other) = await OwnAndColleaguesAppointmentsAsync();
        var doctor = clinic.As("Doctor", doctorUser);

        var listed = (await Json.ReadAsync(await doctor.GetAsync("/api/v1/appointments?mine=true"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(a => a.Id()).ToList();
        var everyone = (await Json.ReadAsync(await doctor.GetAsync("/api/v1/appointments"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(a => a.Id()).ToList();

        listed.ShouldBe([own]);
        everyone.ShouldContain(other);
    }

    /// <summary>A doctor's user linked to one practitioner, an appointment with that practitioner and one with a colleague.</summary>
    private async Task<(Clinic Clinic, Guid DoctorUser, Guid Own, Guid Other)> OwnAndColleaguesAppointmentsAsync()
    {
        var clinic = app.NewClinic();
        var doctorUser = await clinic.Staff.NewUserAsync();
        var mine = await clinic.AroundTheClockAsync(doctorUserId: doctorUser);
        var colleagues = await clinic.AroundTheClockAsync();
        var own = (await clinic.BookedAsync(mine, clinic.Soon())).Id();
        var other = (await clinic.BookedAsync(colleagues, clinic.Soon())).Id();
        return (clinic, doctorUser, own, other);
    }

    [Fact]
    public async Task Another_tenant_finds_none_of_the_schedules_appointments_waitlist_entries_or_shifts() =>
        await SchedulingIsolation.EveryEndpointHoldsAsync(app, clinic => TenantIsolation.Between(clinic.Staff, app.NewClinic().Staff), sameTenant: false);
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class SchedulingAccessTests_on_Postgres(SchedulingPostgresApp app) : SchedulingAccessTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class SchedulingAccessTests_on_Sqlite(SchedulingSqliteApp app) : SchedulingAccessTests(app);
