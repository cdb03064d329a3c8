using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary><c>vitals</c>: at least one vitals set was recorded on the encounter and not marked entered in error.</summary>
internal sealed class VitalsRequirement(ClinicalDb db) : IEncounterCloseRequirement
{
    public string Key => "vitals";

    public async Task<string?> UnmetAsync(Encounter encounter, CancellationToken cancellationToken) =>
        await db.VitalsObservations.AnyAsync(v => v.EncounterId == encounter.Id && v.Status != VitalsStatus.EnteredInError, cancellationToken)
            ? null
            : "No vitals set is recorded on the encounter (sets entered in error do not count).";
}
