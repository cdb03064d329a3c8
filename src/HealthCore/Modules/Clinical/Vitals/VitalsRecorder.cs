using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// Validates and saves a vitals set, with <see cref="News2AlertRaised"/> in the same transaction when its NEWS2 score
/// calls for an urgent response; the alert is delivered from the outbox, so it is sent if and only if the set is saved.
/// </summary>
internal sealed class VitalsRecorder(ClinicalDb db, ICurrentTenant tenant, IFacilityDirectory facilities, TimeProvider clock)
{
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public ClinicalDb Db => db;

    /// <summary>Encounters still open for new sets: not completed, cancelled or entered in error.</summary>
    public static bool Accepts(Encounter encounter) =>
        !encounter.IsVoid && encounter.Status != EncounterStatus.Completed;

    /// <summary>A new set, or a correction that supersedes <paramref name="replaced"/> (tracked) in the same save.</summary>
    public async Task<Results<Created<VitalsResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> RecordAsync(
        Guid patientId, Encounter? encounter, VitalsRequest request, VitalsObservation? replaced, HttpContext http, CancellationToken cancellationToken)
    {
        if (request.IsEmpty)
        {
            return VitalsProblems.Empty();
        }

        var set = request.ToSet();
        var check = VitalsValidation.Check(set);
        if (!check.IsValid)
        {
            return FieldErrors.Invalid(check.Errors.ToDictionary());
        }

        var effectiveAt = request.EffectiveAt ?? replaced?.EffectiveAt ?? Now;
        if (effectiveAt > Now)
        {
            return FieldErrors.Invalid("effectiveAt", "Vitals cannot be taken in the future.");
        }

        var (facility, elsewhere) = await FacilityOfAsync(encounter, request.FacilityId, replaced, cancellationToken);
        if (elsewhere is not null)
        {
            return elsewhere;
        }

        var vitals = VitalsObservation.Record(patientId, encounter, facility, set, check, effectiveAt, Now, tenant.UserId, replaced?.Id);
        if (check.News2!.RaisesAlert)
        {
            db.Publish(
                new News2AlertRaised(
                    vitals.Id, patientId, encounter?.Id, check.News2.Aggregate, check.News2.Risk is { } risk ? QueryEnum.Name(risk) : null,
                    [.. check.News2.SubScores.Where(s => s.Value == 3).Select(s => QueryEnum.Name(s.Key))], effectiveAt),
                Now);
        }

        return await Corrections.SaveAsync(
            db, vitals, replaced, $"/api/v1/vitals/{vitals.Id}", VitalsProblems.ChangedConcurrently(), VitalsResponse.From, http, cancellationToken);
    }

    // A set with no facility would be visible in every facility; so one outside an encounter takes the facility it was
    // taken in, named by the recorder unless they work in only one.
    private async Task<(Guid? Facility, ValidationProblem? Problem)> FacilityOfAsync(
        Encounter? encounter, Guid? requested, VitalsObservation? replaced, CancellationToken cancellationToken)
    {
        if ((encounter?.FacilityId ?? replaced?.FacilityId) is { } given)
        {
            return requested is null || requested == given
                ? (given, null)
                : (null, FieldErrors.Invalid("facilityId", "A set belongs to its encounter's facility (or the corrected set's); leave facilityId out."));
        }

        if (requested is { } named)
        {
            return tenant.Facilities.Allows(named) && await facilities.FindAsync(named, cancellationToken) is { Active: true }
                ? (named, null)
                : (null, FieldErrors.Invalid("facilityId", "Not an active facility of this tenant that you may act in."));
        }

        return tenant.Facilities is { All: false, Ids: [var only] }
            ? (only, null)
            : (null, FieldErrors.Invalid(
                "facilityId", "Vitals taken outside an encounter belong to the facility they were taken in: name it, since you may act in more than one."));
    }
}
