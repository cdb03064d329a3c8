using HealthCore.Platform.Seeding;

namespace HealthCore.Modules.Scheduling.Demo;

/// <summary>
/// Deterministic demo appointments on a schedule's slots: about a third of past slots (mostly completed, some no-shows
/// and cancellations) and of upcoming ones (booked or confirmed, a few cancelled). A patient never has two overlapping
/// appointments, a slot never takes more than its capacity, and <see cref="SlotUsage(IEnumerable{Schedule})"/> counts the
/// places exactly as booking would have (cancelled appointments hold none, no-shows keep theirs).
/// </summary>
internal sealed class SchedulingDemoAppointments(DemoSeedContext context, DateTimeOffset now)
{
    private static readonly string[] Reasons =
        ["Annual review", "Blood pressure follow-up", "Chest pain", "Medication review", "Persistent cough", "Joint pain", "Diabetes check"];

    private static readonly string[] ExamTypes = ["head", "chest", "abdomen", "spine"];

    private readonly Random random = new(DemoSeedContext.RandomSeed);
    private readonly Dictionary<Guid, List<(DateTimeOffset Start, DateTimeOffset End)>> busy = [];

    public List<Appointment> Appointments { get; } = [];

    public void Fill(Schedule schedule, DateOnly from, DateOnly to, IReadOnlyCollection<ScheduleBlock> blocks)
    {
        var zone = schedule.Zone;
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            foreach (var slot in SlotGrid.On(schedule, zone, date, blocks))
            {
                // A slot under way now is left alone: its appointment would be neither history nor bookable.
                if (slot.StartsAt <= now && now < slot.EndsAt.AddHours(1))
                {
                    continue;
                }

                for (var place = 0; place < schedule.Capacity; place++)
                {
                    if (random.NextDouble() < 0.35 && FreePatient(slot) is { } patientId)
                    {
                        Add(schedule, slot, patientId);
                    }
                }
            }
        }
    }

    public IEnumerable<SlotUsage> SlotUsage(IEnumerable<Schedule> schedules)
    {
        var capacity = schedules.ToDictionary(s => s.Id, s => s.Capacity);
        return Appointments.Where(a => a.Status != AppointmentStatus.Cancelled)
            .GroupBy(a => (a.ResourceKey, a.StartsAt, a.ScheduleId))
            .Select(g => new SlotUsage
            {
                TenantId = context.TenantId, ResourceKey = g.Key.ResourceKey, StartsAt = g.Key.StartsAt, Booked = g.Count(), Capacity = capacity[g.Key.ScheduleId],
            });
    }

    private Guid? FreePatient(Slot slot)
    {
        var patientId = context.IdFor("patient", random.Next(context.PatientCount));
        var times = busy.TryGetValue(patientId, out var list) ? list : busy[patientId] = [];
        if (times.Any(t => t.Start < slot.EndsAt && slot.StartsAt < t.End))
        {
            return null;
        }

        times.Add((slot.StartsAt, slot.EndsAt));
        return patientId;
    }

    private void Add(Schedule schedule, Slot slot, Guid patientId)
    {
        var imaging = schedule.Modality is not null;
        var booked = slot.StartsAt.AddDays(-random.Next(3, 30));
        var appointment = new Appointment
        {
            Id = context.IdFor("appointment", Appointments.Count),
            PatientId = patientId,
            ScheduleId = schedule.Id,
            PractitionerId = schedule.PractitionerId,
            Modality = schedule.Modality,
            DepartmentId = schedule.DepartmentId,
            ResourceKey = schedule.ResourceKey,
            StartsAt = slot.StartsAt,
            EndsAt = slot.EndsAt,
            Type = imaging ? AppointmentType.ImagingExam : random.Next(3) == 0 ? AppointmentType.FollowUp : AppointmentType.NewConsultation,
            Reason = Reasons[random.Next(Reasons.Length)],
            ExamType = imaging ? $"{schedule.Modality}-{ExamTypes[random.Next(ExamTypes.Length)]}" : null,
            CreatedAt = booked < now ? booked : now,
        };
        var roll = random.NextDouble();
        if (slot.EndsAt <= now)
        {
            Past(appointment, roll);
        }
        else if (roll < 0.1)
        {
            appointment.TryCancel("Patient asked to cancel", Min(slot.StartsAt.AddDays(-1), now));
        }
        else if (roll < 0.5)
        {
            appointment.TryApply(AppointmentAction.Confirm, Min(appointment.CreatedAt.AddDays(1), now));
        }

        Appointments.Add(appointment);
    }

    private static void Past(Appointment appointment, double roll)
    {
        if (roll < 0.1)
        {
            appointment.TryCancel("Patient unwell", appointment.StartsAt.AddDays(-1));
        }
        else if (roll < 0.2)
        {
            appointment.TryApply(AppointmentAction.NoShow, appointment.StartsAt.AddMinutes(15));
        }
        else
        {
            appointment.TryApply(AppointmentAction.CheckIn, appointment.StartsAt.AddMinutes(-10));
            appointment.TryApply(AppointmentAction.Start, appointment.StartsAt);
            appointment.TryApply(AppointmentAction.Complete, appointment.EndsAt);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
