using HealthCore.Modules.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Scheduling;

/// <summary>Double booking must be impossible however the requests interleave: the database decides, not the handler's read.</summary>
public abstract class ConcurrentBookingTests(SchedulingApp app)
{
    protected abstract int Parallel { get; }

    [Fact]
    public async Task Many_parallel_requests_for_the_last_place_of_a_slot_give_exactly_one_booking()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync(capacity: 3);
        var start = schedule.At(app.Next(DayOfWeek.Wednesday), "10:00");
        await clinic.BookedAsync(schedule, start);
        await clinic.BookedAsync(schedule, start);
        var patients = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => clinic.NewPatientAsync()));

        var responses = await Task.WhenAll(patients.Select(patient => clinic.BookAsync(schedule, start, patient)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            (await ProblemAssertions.ShouldBeProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("title").GetString().ShouldBe("The slot is fully booked.");
        }

        (await ActiveInSlotAsync(clinic.TenantId, start)).ShouldBe(3);
        (await TakenAsync(clinic.TenantId, Schedule.PractitionerKey(schedule.PractitionerId), start)).ShouldBe(3);
    }

    [Fact]
    public async Task Parallel_overlapping_but_not_identical_intervals_give_exactly_one_booking()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var patients = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => clinic.NewPatientAsync()));

        // Half ask for 09:00-09:30, half for 09:15-09:45: every pair overlaps, so only one of all of them may win.
        var responses = await Task.WhenAll(patients.Select((patient, i) => i % 2 == 0
            ? clinic.BookAsync(schedule, schedule.At(monday, "09:00"), patient)
            : clinic.BookAsync(schedule, schedule.At(monday, "09:15"), patient, new { durationMinutes = 30 })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Where(r => r.StatusCode != HttpStatusCode.Created).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Conflict);
        (await ActiveInSlotAsync(clinic.TenantId, schedule.At(monday, "09:00"))).ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task Parallel_bookings_of_one_patient_at_the_same_time_with_different_practitioners_give_one_booking()
    {
        var clinic = app.NewClinic();
        var schedules = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => clinic.PractitionerScheduleAsync()));
        var patientId = await clinic.NewPatientAsync();
        var tuesday = app.Next(DayOfWeek.Tuesday);

        var responses = await Task.WhenAll(schedules.Select(s => clinic.BookAsync(s, s.At(tuesday, "09:00"), patientId)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Where(r => r.StatusCode != HttpStatusCode.Created).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Conflict);
    }

    private async Task<int> ActiveInSlotAsync(Guid tenantId, DateTimeOffset start)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchedulingDb>().Appointments.IgnoreQueryFilters()
            .CountAsync(a => a.TenantId == tenantId && Appointment.Active.Contains(a.Status) && a.StartsAt < start.AddMinutes(30) && a.EndsAt > start);
    }

    private async Task<int> TakenAsync(Guid tenantId, string resourceKey, DateTimeOffset start)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchedulingDb>().SlotUsage.IgnoreQueryFilters()
            .Where(u => u.TenantId == tenantId && u.ResourceKey == resourceKey && u.StartsAt == start).Select(u => u.Booked).SingleAsync();
    }
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class ConcurrentBookingTests_on_Postgres(SchedulingPostgresApp app) : ConcurrentBookingTests(app)
{
    protected override int Parallel => 50;
}

[Collection(SchedulingSqliteCollection.Name)]
public sealed class ConcurrentBookingTests_on_Sqlite(SchedulingSqliteApp app) : ConcurrentBookingTests(app)
{
    protected override int Parallel => 10;
}
