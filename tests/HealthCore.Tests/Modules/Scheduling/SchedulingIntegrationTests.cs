using System.Text.Json;
using HealthCore.Modules.Scheduling;
using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Events;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Scheduling;

/// <summary>Scheduling against the real patients, practitioners, tenant settings and notifications modules.</summary>
public abstract class SchedulingIntegrationTests(SchedulingApp app)
{
    [Fact]
    public async Task An_inactive_patient_cannot_be_booked_or_waitlisted()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var patientId = await clinic.NewPatientAsync();
        (await clinic.Staff.DeleteAsync($"/api/v1/patients/{patientId}?reason=Moved%20abroad")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var booking = await clinic.BookAsync(schedule, schedule.At(app.Next(DayOfWeek.Monday), "09:00"), patientId);
        var waitlist = await clinic.PostAsync("/api/v1/waitlist", new
        {
            patientId, practitionerId = schedule.PractitionerId, earliestStart = app.Now, latestEnd = app.Now.AddDays(30),
        });

        (await ProblemAssertions.ShouldBeProblemAsync(booking, HttpStatusCode.UnprocessableEntity)).GetProperty("title").GetString().ShouldBe("The patient is inactive.");
        await ProblemAssertions.ShouldBeProblemAsync(waitlist, HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("patientId")]
    [InlineData("practitionerId")]
    [InlineData("departmentId")]
    public async Task A_booking_naming_a_patient_practitioner_or_department_that_does_not_exist_answers_400_naming_it(string field)
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var body = Json.Merge(new
        {
            patientId = await clinic.NewPatientAsync(), practitionerId = schedule.PractitionerId, departmentId = schedule.DepartmentId,
            startsAt = schedule.At(app.Next(DayOfWeek.Monday), "09:00"), type = "followUp",
        }, null);
        body[field] = Guid.NewGuid();

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await clinic.Staff.PostAsJsonAsync("/api/v1/appointments", body), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain("exists in this tenant");
    }

    [Theory]
    [InlineData("practitionerId")]
    [InlineData("departmentId")]
    public async Task A_schedule_for_an_unknown_practitioner_or_department_answers_400_naming_it(string field)
    {
        var clinic = app.NewClinic();
        var body = Json.Merge(new
        {
            practitionerId = await clinic.NewPractitionerAsync(), departmentId = await clinic.NewDepartmentAsync(), daysOfWeek = new[] { "monday" },
            startTime = "09:00", endTime = "12:00", effectiveFrom = "2027-01-04",
        }, null);
        body[field] = Guid.NewGuid();

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await clinic.Staff.PostAsJsonAsync("/api/v1/schedules", body), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_practitioner_of_another_tenant_has_no_availability_here()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var path = $"/api/v1/practitioners/{schedule.PractitionerId}/availability?date={app.Next(DayOfWeek.Monday):yyyy-MM-dd}";

        await TenantIsolation.Between(clinic.Staff, app.NewClinic().Staff).Watching(path).Get(path).ShouldHoldAsync();
    }

    [Fact]
    public async Task Preparation_instructions_come_from_the_department_rule_for_the_exam_type()
    {
        var clinic = app.NewClinic();
        var departmentId = await clinic.NewDepartmentAsync();
        var rule = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/departments/{departmentId}/rules/preparation.mri")
        {
            Content = JsonContent.Create(new { value = new { text = "Remove all metal. Nothing to eat 4 hours before." } }),
        };
        (await clinic.Staff.SendAsync(rule)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await clinic.CreateScheduleAsync(new
        {
            modality = "mri", departmentId, daysOfWeek = new[] { "monday" }, startTime = "08:00", endTime = "12:00", slotMinutes = 60,
            effectiveFrom = DateOnly.FromDateTime(app.Now.UtcDateTime),
        });
        var start = new DateTimeOffset(app.Next(DayOfWeek.Monday).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

        var withRule = await Json.ReadAsync(await clinic.Staff.PostAsJsonAsync("/api/v1/appointments", new
        {
            patientId = await clinic.NewPatientAsync(), modality = "mri", departmentId, startsAt = start, type = "imagingExam",
        }), HttpStatusCode.Created);
        var ownText = await Json.ReadAsync(await clinic.Staff.PostAsJsonAsync("/api/v1/appointments", new
        {
            patientId = await clinic.NewPatientAsync(), modality = "mri", departmentId, startsAt = start.AddHours(1), type = "imagingExam",
            preparationInstructions = "Bring previous scans.",
        }), HttpStatusCode.Created);
        var noRule = await Json.ReadAsync(await clinic.Staff.PostAsJsonAsync("/api/v1/appointments", new
        {
            patientId = await clinic.NewPatientAsync(), modality = "mri", departmentId, startsAt = start.AddHours(2), type = "imagingExam", examType = "ct",
        }), HttpStatusCode.Created);

        withRule.GetProperty("preparationInstructions").GetString().ShouldBe("Remove all metal. Nothing to eat 4 hours before.");
        ownText.GetProperty("preparationInstructions").GetString().ShouldBe("Bring previous scans.");
        noRule.GetProperty("preparationInstructions").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reminder_reaches_notifications_exactly_once_even_when_its_event_is_delivered_again(bool ownTemplates)
    {
        // Without templates of its own, a brand-new tenant's reminders and offers use the built-in defaults.
        var clinic = app.NewClinic();
        if (ownTemplates)
        {
            await TemplatesAsync(clinic);
        }

        var schedule = await clinic.AroundTheClockAsync();
        var patientId = await clinic.NewPatientAsync();
        var appointment = await clinic.BookedAsync(schedule, clinic.Soon(TimeSpan.FromHours(3)), patientId);

        await app.SweepAsync();
        (await clinic.PostAsync($"/api/v1/appointments/{appointment.Id()}/remind")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var notifications = await NotificationsAsync(clinic, patientId, expected: 2);
        await RedeliverAsync(clinic.TenantId, new AppointmentReminderDue(
            appointment.Id(), patientId, AppointmentReminder.BeforeStart, appointment.GetProperty("startsAt").GetDateTimeOffset(),
            schedule.PractitionerId, null, schedule.DepartmentId, null));
        await app.SweepAsync();

        notifications.Select(n => n.GetProperty("templateKey").GetString()).ShouldBe(["appointment.reminder", "appointment.reminder"]);
        notifications.Select(n => n.GetProperty("dedupKey").GetString()).Distinct().Count().ShouldBe(2);
        notifications[0].GetProperty("subject").GetString()!.ShouldContain(appointment.GetProperty("localStart").GetString()![11..16]);
        (await NotificationsAsync(clinic, patientId, expected: 2)).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_waitlist_offer_is_sent_to_the_patient(bool ownTemplates)
    {
        // Without templates of its own, a brand-new tenant's reminders and offers use the built-in defaults.
        var clinic = app.NewClinic();
        if (ownTemplates)
        {
            await TemplatesAsync(clinic);
        }

        var schedule = await clinic.PractitionerScheduleAsync();
        var booked = await clinic.BookedAsync(schedule, schedule.At(app.Next(DayOfWeek.Tuesday), "09:00"));
        var waiting = await clinic.NewPatientAsync();
        await Json.ReadAsync(await clinic.PostAsync("/api/v1/waitlist", new
        {
            patientId = waiting, practitionerId = schedule.PractitionerId, earliestStart = app.Now, latestEnd = app.Now.AddDays(60),
        }), HttpStatusCode.Created);

        (await clinic.PostAsync($"/api/v1/appointments/{booked.Id()}/cancel", new { reason = "Unwell" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var offer = (await NotificationsAsync(clinic, waiting, expected: 1)).Single();
        offer.GetProperty("templateKey").GetString().ShouldBe("waitlist.offer");
        offer.GetProperty("body").GetString()!.ShouldContain("until");
    }

    private static async Task TemplatesAsync(Clinic clinic)
    {
        foreach (var (key, subject, body) in new[]
        {
            ("appointment.reminder", "Your appointment at {{appointment.time}}", "Dear {{patient.name}}, see you on {{appointment.date}} at {{appointment.time}} ({{appointment.timeZone}}) with {{appointment.practitioner}}."),
            ("waitlist.offer", "A place for you", "Dear {{patient.name}}, a place on {{appointment.localStart}} is held for you until {{offer.expiresAt}}."),
        })
        {
            var response = await clinic.Staff.PutAsJsonAsync($"/api/v1/notification-templates/{key}", new { channels = new { email = new { subject, body } } });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>The patient's notifications once at least the expected number arrived (the outbox delivers in the background).</summary>
    private static async Task<List<JsonElement>> NotificationsAsync(Clinic clinic, Guid patientId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await clinic.GetJsonAsync($"/api/v1/notifications?recipient={Uri.EscapeDataString(clinic.EmailOf(patientId))}");
            var items = page.GetProperty("items").EnumerateArray().OrderBy(n => n.GetProperty("createdAt").GetDateTimeOffset()).ToList();
            if (items.Count >= expected || DateTime.UtcNow > deadline)
            {
                return items;
            }

            await Task.Delay(200);
        }
    }

    private async Task RedeliverAsync(Guid tenantId, AppointmentReminderDue reminder)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HealthCore.Platform.Security.CurrentTenant>().ActAs(tenantId, null);
        await scope.ServiceProvider.GetRequiredService<SendAppointmentReminder>()
            .HandleAsync(reminder, new IntegrationEventContext(Guid.NewGuid(), tenantId, app.Now, 2), CancellationToken.None);
    }
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class SchedulingIntegrationTests_on_Postgres(SchedulingPostgresApp app) : SchedulingIntegrationTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class SchedulingIntegrationTests_on_Sqlite(SchedulingSqliteApp app) : SchedulingIntegrationTests(app);
