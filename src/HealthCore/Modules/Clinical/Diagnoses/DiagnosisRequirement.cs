using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary><c>diagnosis</c>: the encounter has an active primary diagnosis that stands (neither refuted nor entered in error).</summary>
internal sealed class DiagnosisRequirement(ClinicalDb db) : IEncounterCloseRequirement
{
    public string Key => "diagnosis";

    public async Task<string?> UnmetAsync(Encounter encounter, CancellationToken cancellationToken)
    {
        var diagnoses = await db.Diagnoses.AsNoTracking().Where(d => d.EncounterId == encounter.Id).ToListAsync(cancellationToken);
        var standing = diagnoses.Where(d => d.IsActiveAndStanding).ToList();
        if (standing.Count == 0)
        {
            return "The encounter has no active diagnosis (one neither resolved, refuted nor entered in error).";
        }

        return standing.Any(d => d.Rank == DiagnosisRank.Primary)
            ? null
            : "None of the encounter's active diagnoses is primary; make one of them primary.";
    }
}
