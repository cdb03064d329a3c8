using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Scheduling;

/// <summary>The rules booking, rescheduling and waitlist offers share.</summary>
internal static class Booking
{
    public static ValidationProblem? ResourcesProblem(Guid? practitionerId, bool practitionerExists, Guid departmentId, bool departmentExists) =>
        !practitionerExists ? FieldErrors.Invalid("practitionerId", $"No practitioner with id '{practitionerId}' exists in this tenant.")
        : !departmentExists ? FieldErrors.Invalid("departmentId", $"No department with id '{departmentId}' exists in this tenant.")
        : null;

    public static UnprocessableProblem PatientInactive(Guid patientId) =>
        new("The patient is inactive.", $"Patient {patientId} is deactivated; appointments cannot be booked for them.");

    /// <summary>Not in the past, not beyond the tenant's booking horizon.</summary>
    public static UnprocessableProblem? WhenProblem(DateTimeOffset start, DateTimeOffset now, SchedulingDefaults defaults) =>
        start <= now ? new UnprocessableProblem("The time is in the past.", $"{start:O} has already begun.")
        : start > now.AddDays(defaults.BookingHorizonDays)
            ? new UnprocessableProblem("The time is beyond the booking horizon.", $"Appointments can be booked up to {defaults.BookingHorizonDays} days ahead.")
        : null;

    /// <summary>The first slot of the placement with no free place as committed data shows it (no lock; a hint only).</summary>
    public static Slot? VisiblyFull(Placement placement) =>
        placement.Slots
            .Where(slot => placement.Taken.GetValueOrDefault(slot.StartsAt) >= placement.Schedule.Capacity)
            .Cast<Slot?>()
            .FirstOrDefault();

    public static ConflictProblem SlotFull(Placement placement, Slot slot) => new(
        "The slot is fully booked.",
        $"No free place is left in the slot starting {Slot.Local(slot.LocalStart)} ({slot.StartsAt:O}) for this resource "
        + $"(capacity {placement.Schedule.Capacity}). Choose another slot, join the waitlist, or overbook with the appointments.overbook permission.",
        new Dictionary<string, object?> { ["slotStartsAt"] = slot.StartsAt, ["capacity"] = placement.Schedule.Capacity });

    public static ConflictProblem PatientBusy(Appointment other) => new(
        "The patient has another appointment at that time.",
        $"Appointment {other.Id} ({QueryEnum.Name(other.Status)}, {other.StartsAt:O} to {other.EndsAt:O}) overlaps the requested time.",
        new Dictionary<string, object?> { ["conflictingAppointmentId"] = other.Id });

    public static AppointmentBooked Booked(Appointment a) => new(
        a.Id, a.PatientId, a.PractitionerId, a.Modality, a.DepartmentId, a.StartsAt, a.EndsAt, QueryEnum.Name(a.Type), a.Overbooked);
}
