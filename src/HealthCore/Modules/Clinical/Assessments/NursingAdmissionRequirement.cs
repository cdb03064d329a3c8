using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// <c>assessment.nursing-admission</c>: a completed admission nursing assessment of the encounter (a correction stands in
/// for the assessment it supersedes; one entered in error does not count).
/// </summary>
internal sealed class NursingAdmissionRequirement(ClinicalDb db) : IEncounterCloseRequirement
{
    public string Key => "assessment.nursing-admission";

    public async Task<string?> UnmetAsync(Encounter encounter, CancellationToken cancellationToken) =>
        await db.Assessments.AnyAsync(
            a => a.EncounterId == encounter.Id && a.FormKey == NursingAdmissionForm.Key && a.Status == AssessmentStatus.Completed, cancellationToken)
            ? null
            : "No admission nursing assessment is recorded on the encounter (assessments entered in error do not count).";
}
