namespace HealthCore.Tests.Modules.Scheduling;

/// <summary>What one booking costs the database: each round trip is latency every booking pays.</summary>
public abstract class BookingRoundTripTests(SchedulingApp app)
{
    /// <remarks>
    /// Before issue 12 a booking on PostgreSQL took 13 commands and 1 commit besides the audit trail's own statements
    /// (patient, practitioner, department, settings, schedules, blocks, preparation rule, slot usage, patient lock,
    /// overlap, slot insert, slot update, the batch). SQLite sends each statement of a save as a command of its own (in
    /// process, no network), so there only the reads before the transaction are bounded.
    /// </remarks>
    [Fact]
    public async Task A_booking_takes_three_reads_then_lock_and_overlap_slot_and_batch_and_one_commit()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync(capacity: 2);
        var monday = app.Next(DayOfWeek.Monday);
        await clinic.BookedAsync(schedule, schedule.At(monday, "09:00")); // the tenant's settings
        var patientId = await clinic.NewPatientAsync();

        var (response, trips) = await RoundTrips.CountAsync(clinic.Staff, new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments")
        {
            Content = JsonContent.Create(new
            {
                patientId, practitionerId = schedule.PractitionerId, departmentId = schedule.DepartmentId, startsAt = schedule.At(monday, "09:30"), type = "newConsultation",
            }),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        // Patient; practitioner, department and preparation rule; schedules, blocks and slot usage (settings from memory).
        // SQLite takes no lock, so its overlap check counts as a read too.
        var postgres = app.Provider == HealthCore.Platform.Database.DatabaseProvider.Postgres;
        trips.Reads.Count.ShouldBe(postgres ? 3 : 4, trips.ToString());
        trips.Commits.ShouldBe(1, trips.ToString());
        trips.Savepoints.ShouldBe(0, trips.ToString());
        if (postgres)
        {
            trips.Commands.Count.ShouldBe(6, trips.ToString()); // + lock and overlap, slot upsert, the batch
        }
    }
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class BookingRoundTripTests_on_Postgres(SchedulingPostgresApp app) : BookingRoundTripTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class BookingRoundTripTests_on_Sqlite(SchedulingSqliteApp app) : BookingRoundTripTests(app);
