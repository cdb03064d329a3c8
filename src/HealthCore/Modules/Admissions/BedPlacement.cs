using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

/// <summary>The checks every move of an admitted patient into a bed repeats (assignment from pending, transfer).</summary>
internal static class BedPlacement
{
    /// <summary>
    /// The bed is free for the patient and suits the admission's acuity and isolation needs and the ward's gender policy.
    /// A patient the directory no longer knows counts as of unrecorded gender.
    /// </summary>
    public static async Task<(Ward Ward, ConflictProblem? Problem)> CheckAsync(
        AdmissionsDb db, IAdmissionDirectory directory, Bed bed, Admission admission, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ward = await db.Wards.AsNoTracking().SingleAsync(w => w.Id == bed.WardId, cancellationToken);
        if (AdmissionRules.CheckAvailable(bed, admission.PatientId, now) is { } unavailable)
        {
            return (ward, unavailable);
        }

        var patient = await directory.FindPatientAsync(admission.PatientId, cancellationToken)
            ?? new PatientFacts(admission.PatientId, null, PatientGender.Unknown, Active: false);
        return (ward, AdmissionRules.CheckPlacement(ward, bed, patient, admission.Acuity, admission.IsolationRequired, admission.IsolationKind));
    }

    /// <summary>The admission (tracked), 404 when there is none, or 409 when it is closed.</summary>
    public static async Task<(Admission? Admission, NotFoundProblem? Missing, ConflictProblem? Closed)> LoadOpenAsync(
        AdmissionsDb db, Guid id, CancellationToken cancellationToken)
    {
        var admission = await db.Admissions.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return admission is null ? (null, NotFoundProblem.For("Admission", id), null) : (admission, null, CheckOpen(admission));
    }

    /// <summary>The admission may still move: not discharged or cancelled.</summary>
    public static ConflictProblem? CheckOpen(Admission admission) => admission.IsOpen ? null : AdmissionRules.Closed(admission);
}
