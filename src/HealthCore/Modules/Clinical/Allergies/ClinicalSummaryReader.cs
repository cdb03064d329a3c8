using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>The patient record's allergies and conditions, served from the allergy and problem-list records: two queries for any number of patients.</summary>
internal sealed class ClinicalSummaryReader(ClinicalDb db) : IPatientClinicalSummary
{
    public async Task<IReadOnlyDictionary<Guid, PatientClinicalSummary>> ForPatientsAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken)
    {
        var ids = patientIds.Distinct().ToList();
        var allergies = (await db.Allergies.AsNoTracking()
                .Where(a => ids.Contains(a.PatientId)
                    && a.VerificationStatus != AllergyVerificationStatus.Refuted && a.VerificationStatus != AllergyVerificationStatus.EnteredInError)
                .ToListAsync(cancellationToken))
            .OrderBy(a => a.RecordedAt).ThenBy(a => a.Id).ToLookup(a => a.PatientId);
        var problems = (await db.Problems.AsNoTracking()
                .Where(p => ids.Contains(p.PatientId)
                    && p.VerificationStatus != ConditionVerificationStatus.Refuted && p.VerificationStatus != ConditionVerificationStatus.EnteredInError)
                .ToListAsync(cancellationToken))
            .OrderBy(p => p.RecordedAt).ThenBy(p => p.Id).ToLookup(p => p.PatientId);
        return ids.ToDictionary(
            id => id,
            id => new PatientClinicalSummary([.. allergies[id].Select(Summary)], [.. problems[id].Select(Summary)]));
    }

    private static PatientAllergySummary Summary(AllergyIntolerance a) =>
        new(
            a.Id, a.SubstanceDisplay, a.SubstanceSystem, a.SubstanceCode, Name(a.Criticality), Name(a.ClinicalStatus), QueryEnum.Name(a.VerificationStatus),
            [.. a.Reactions.Select(r => r.Manifestation.Display)], Name(a.Reactions.Max(r => r.Severity)), a.RecordedAt);

    private static PatientConditionSummary Summary(Problem p) =>
        new(p.Id, p.CodeSystem, p.Code, p.Display, Name(p.ClinicalStatus), QueryEnum.Name(p.VerificationStatus), p.OnsetAt);

    private static string? Name<TEnum>(TEnum? value)
        where TEnum : struct, Enum => value is { } v ? QueryEnum.Name(v) : null;
}
