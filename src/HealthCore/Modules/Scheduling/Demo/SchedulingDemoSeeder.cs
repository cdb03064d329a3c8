using HealthCore.Platform.Seeding;
using Microsoft.EntityFrameworkCore;
using HealthCore.Platform.Time;

namespace HealthCore.Modules.Scheduling.Demo;

/// <summary>
/// Demo schedules and what happens on them: weekday clinics for the demo physicians and MRI and CT schedules in the
/// diagnostic department, each in its facility's time zone; a public holiday; four weeks of past appointments and two
/// ahead (<see cref="SchedulingDemoAppointments"/>); a short waitlist; and next week's nursing shifts. Everything is
/// written in one transaction under ids from <see cref="DemoSeedContext.IdFor"/>, so a second run finds the first
/// run's schedules and adds nothing. The appointments are history being loaded, not bookings happening now, so no
/// events are published for them (nothing should remind, bill or notify for a seeded past).
/// </summary>
internal sealed class SchedulingDemoSeeder(SchedulingDb db, SchedulingLookups lookups, TimeProvider clock) : IDemoSeeder
{
    private const int DemoPractitioners = 40;
    private const int DemoDepartments = 8;
    private const string DiagnosticDepartmentCode = "RAD";

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        if (await db.Schedules.AnyAsync(s => s.Id == context.IdFor("schedule", 0), cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var staff = await StaffAsync(context, cancellationToken);
        if (staff.Count == 0)
        {
            return;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var schedules = Schedules(context, staff, await DiagnosticDepartmentAsync(context, cancellationToken), today);
        var holiday = NextWeekday(today.AddDays(10), DayOfWeek.Monday);
        var blocks = schedules.Select((s, i) => new ScheduleBlock
        {
            Id = context.IdFor("schedule-block", i), ScheduleId = s.Schedule.Id, FromDate = holiday, ToDate = holiday, Reason = "Public holiday", CreatedAt = now,
        }).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Schedules.AddRange(schedules.Select(s => s.Schedule));
        db.ScheduleBlocks.AddRange(blocks);
        if (context.PatientCount > 0)
        {
            var appointments = new SchedulingDemoAppointments(context, now);
            foreach (var (schedule, _) in schedules)
            {
                appointments.Fill(schedule, today.AddDays(-28), today.AddDays(14), blocks);
            }

            db.Appointments.AddRange(appointments.Appointments);
            db.SlotUsage.AddRange(appointments.SlotUsage(schedules.Select(s => s.Schedule)));
            db.Waitlist.AddRange(Waitlist(context, staff, now));
        }

        AddShifts(context, staff, NextWeekday(today.AddDays(1), DayOfWeek.Monday), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record StaffMember(Guid Id, string Role, Guid DepartmentId, TimeZoneInfo Zone);

    private async Task<List<StaffMember>> StaffAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var fallbackZone = (await lookups.DefaultsAsync(cancellationToken)).TimeZone;
        var staff = new List<StaffMember>();
        for (var i = 0; i < DemoPractitioners; i++)
        {
            if (await lookups.FindPractitionerAsync(context.IdFor("practitioner", i), cancellationToken) is not { ActiveDepartments: [var membership, ..] } practitioner
                || await lookups.FindDepartmentAsync(membership.DepartmentId, cancellationToken) is not { } department)
            {
                continue;
            }

            var zone = context.FacilityTimeZones.GetValueOrDefault(department.FacilityId, fallbackZone);
            staff.Add(new StaffMember(practitioner.Id, practitioner.Role, department.Id, TimeZoneInfo.FindSystemTimeZoneById(zone)));
        }

        return staff;
    }

    private async Task<(Guid Id, TimeZoneInfo Zone)?> DiagnosticDepartmentAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        for (var i = 0; i < DemoDepartments; i++)
        {
            if (await lookups.FindDepartmentAsync(context.IdFor("department", i), cancellationToken) is { Code: DiagnosticDepartmentCode } department)
            {
                var zone = context.FacilityTimeZones.GetValueOrDefault(department.FacilityId, (await lookups.DefaultsAsync(cancellationToken)).TimeZone);
                return (department.Id, TimeZoneInfo.FindSystemTimeZoneById(zone));
            }
        }

        return null;
    }

    /// <summary>Physicians alternate morning (08:30-12:30) and afternoon (13:00-17:00) clinics in 20-minute slots; MRI and CT run all day.</summary>
    private static List<(Schedule Schedule, AppointmentType Type)> Schedules(
        DemoSeedContext context, List<StaffMember> staff, (Guid Id, TimeZoneInfo Zone)? diagnostic, DateOnly today)
    {
        DayOfWeek[] weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        var effectiveFrom = today.AddDays(-35);
        var schedules = staff.Where(p => p.Role == "physician").Select((p, k) => (new Schedule
        {
            Id = context.IdFor("schedule", k),
            PractitionerId = p.Id,
            DepartmentId = p.DepartmentId,
            ResourceKey = Schedule.PractitionerKey(p.Id),
            Location = $"Clinic room {k + 1}",
            DayMask = Schedule.MaskOf(weekdays),
            StartTime = k % 2 == 0 ? new TimeOnly(8, 30) : new TimeOnly(13, 0),
            EndTime = k % 2 == 0 ? new TimeOnly(12, 30) : new TimeOnly(17, 0),
            SlotMinutes = 20,
            Capacity = 1,
            EffectiveFrom = effectiveFrom,
            TimeZone = p.Zone.Id,
        }, k % 3 == 0 ? AppointmentType.FollowUp : AppointmentType.NewConsultation)).ToList();
        if (diagnostic is { } department)
        {
            schedules.Add((Modality(context.IdFor("schedule-modality", 0), department, "mri", weekdays, new(8, 0), new(18, 0), 30, 1, effectiveFrom), AppointmentType.ImagingExam));
            schedules.Add((Modality(context.IdFor("schedule-modality", 1), department, "ct", [.. weekdays, DayOfWeek.Saturday], new(8, 0), new(16, 0), 15, 2, effectiveFrom),
                AppointmentType.ImagingExam));
        }

        return schedules;
    }

    private static Schedule Modality(
        Guid id, (Guid Id, TimeZoneInfo Zone) department, string modality, DayOfWeek[] days, TimeOnly start, TimeOnly end, int slotMinutes, int capacity,
        DateOnly effectiveFrom) => new()
        {
            Id = id,
            Modality = modality,
            DepartmentId = department.Id,
            ResourceKey = Schedule.ModalityKey(department.Id, modality),
            Location = $"Imaging suite {modality.ToUpperInvariant()}",
            DayMask = Schedule.MaskOf(days),
            StartTime = start,
            EndTime = end,
            SlotMinutes = slotMinutes,
            Capacity = capacity,
            EffectiveFrom = effectiveFrom,
            TimeZone = department.Zone.Id,
        };

    /// <summary>Four patients waiting for the first physicians over the next two weeks, one of each priority.</summary>
    private static IEnumerable<WaitlistEntry> Waitlist(DemoSeedContext context, List<StaffMember> staff, DateTimeOffset now) =>
        staff.Where(p => p.Role == "physician").Take(4).Select((p, k) => new WaitlistEntry
        {
            Id = context.IdFor("waitlist", k),
            PatientId = context.IdFor("patient", (k * 7 + 3) % context.PatientCount),
            PractitionerId = p.Id,
            DepartmentId = p.DepartmentId,
            WindowFrom = now.AddDays(1),
            WindowTo = now.AddDays(14),
            Priority = (WaitlistPriority)(3 - k),
            Type = AppointmentType.NewConsultation,
            Reason = "Earlier appointment wanted",
            CreatedAt = now,
            StatusChangedAt = now,
        });

    /// <summary>
    /// Next week's nursing cover per department: a day shift (07:00-15:00, two nurses) and an evening shift (15:00-23:00,
    /// one nurse). The department's nurses both work weekday days; at weekends one works the day and the other the evening,
    /// so weekend day shifts and weekday evening shifts show as under-staffed.
    /// </summary>
    private void AddShifts(DemoSeedContext context, List<StaffMember> staff, DateOnly monday, DateTimeOffset now)
    {
        var index = 0;
        foreach (var department in staff.Where(p => p.Role == "nurse").GroupBy(p => p.DepartmentId))
        {
            var nurses = department.ToList();
            for (var day = 0; day < 7; day++)
            {
                var date = monday.AddDays(day);
                var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                var midnight = LocalDays.StartOf(date, nurses[0].Zone);
                AddShift(context, ref index, department.Key, midnight.AddHours(7), midnight.AddHours(15), 2, weekend ? nurses.Take(1) : nurses, now);
                AddShift(context, ref index, department.Key, midnight.AddHours(15), midnight.AddHours(23), 1, weekend ? nurses.Skip(1) : [], now);
            }
        }
    }

    private void AddShift(
        DemoSeedContext context, ref int index, Guid departmentId, DateTimeOffset start, DateTimeOffset end, int headcount, IEnumerable<StaffMember> assigned,
        DateTimeOffset now)
    {
        var shift = new Shift
        {
            Id = context.IdFor("shift", index++), DepartmentId = departmentId, Role = "nurse", StartsAt = start, EndsAt = end, RequiredHeadcount = headcount, CreatedAt = now,
        };
        db.Shifts.Add(shift);
        db.ShiftAssignments.AddRange(assigned.Select((nurse, n) => new ShiftAssignment
        {
            Id = context.IdFor($"shift-assignment-{shift.Id:N}", n), ShiftId = shift.Id, PractitionerId = nurse.Id, StartsAt = start, EndsAt = end, AssignedAt = now,
        }));
    }

    private static DateOnly NextWeekday(DateOnly from, DayOfWeek day)
    {
        while (from.DayOfWeek != day)
        {
            from = from.AddDays(1);
        }

        return from;
    }
}
