using System.Security.Claims;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authorization;

namespace HealthCore.Modules.Scheduling;

/// <summary>
/// The caller's own schedule: the appointments of the practitioner linked to their user account. appointments.complete
/// lets a clinician start and complete only those (a doctor must not close another doctor's consultation);
/// appointments.complete.any lifts the restriction (Admin); modality appointments (MRI, CT) need
/// appointments.complete.modality (Radiologist).
/// </summary>
internal sealed class OwnAppointments(IAuthorizationService authorization, ICurrentTenant current, SchedulingLookups lookups)
{
    /// <summary>The practitioner linked to the calling user; null when none is.</summary>
    public async Task<Guid?> PractitionerIdAsync(CancellationToken cancellationToken) =>
        current.UserId is { } userId ? await lookups.PractitionerIdOfUserAsync(userId, cancellationToken) : null;

    /// <summary>Null when the caller may start and complete the appointment, else why not (403).</summary>
    public async Task<ForbiddenProblem?> MayTreatAsync(Appointment appointment, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if ((await authorization.AuthorizeAsync(user, null, new PermissionRequirement(Permissions.AppointmentsCompleteAny))).Succeeded)
        {
            return null;
        }

        if (appointment.PractitionerId is null)
        {
            return (await authorization.AuthorizeAsync(user, null, new PermissionRequirement(Permissions.AppointmentsCompleteModality))).Succeeded
                ? null
                : new ForbiddenProblem(
                    "The appointment is on a modality's schedule.",
                    $"Appointment {appointment.Id} is a {appointment.Modality} appointment; starting and completing it needs {Permissions.AppointmentsCompleteModality} (e.g. the Radiologist role).");
        }

        if (await PractitionerIdAsync(cancellationToken) is not { } own)
        {
            return new ForbiddenProblem(
                "Your account is not linked to a practitioner.",
                $"Starting and completing appointments is limited to your own practitioner's appointments; link your user to a practitioner, or ask for {Permissions.AppointmentsCompleteAny}.");
        }

        return appointment.PractitionerId == own
            ? null
            : new ForbiddenProblem(
                "The appointment is not on your schedule.",
                $"Appointment {appointment.Id} is not with the practitioner linked to your account ({own}); only that practitioner's appointments can be started and completed by you.");
    }
}
