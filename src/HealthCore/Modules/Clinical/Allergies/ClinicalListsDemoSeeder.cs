using HealthCore.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Demo;

/// <summary>
/// The demo patients' allergies (four in ten have one or two) and problem lists (six in ten have one to three), recorded
/// as the records they are, each with its first history version. The same patient index always yields the same records
/// under the same ids, so a rerun adds only what is missing.
/// </summary>
internal sealed class ClinicalListsDemoSeeder(ClinicalDb db, Icd10Catalog catalog, TimeProvider clock) : IDemoSeeder
{
    private const int BatchSize = 250;

    private static readonly (string Code, string Display, AllergyCategory Category, string Reaction)[] Allergens =
    [
        ("7980", "Penicillin G", AllergyCategory.Medication, "Hives"), ("256349002", "Peanut", AllergyCategory.Food, "Anaphylaxis"),
        ("111088007", "Latex", AllergyCategory.Environment, "Contact dermatitis"), ("10180", "Sulfamethoxazole", AllergyCategory.Medication, "Rash"),
        ("44027008", "Seafood", AllergyCategory.Food, "Swelling of the lips"), ("1191", "Aspirin", AllergyCategory.Medication, "Bronchospasm"),
    ];

    private static readonly string[] Problems = ["E11.9", "I10", "J45.909", "E78.5", "J44.9", "F41.1", "N18.30", "K21.9"];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        for (var start = 0; start < context.PatientCount; start += BatchSize)
        {
            var (allergies, problems) = (new List<AllergyIntolerance>(), new List<Problem>());
            for (var index = start; index < Math.Min(start + BatchSize, context.PatientCount); index++)
            {
                Lists(context, index, now, allergies, problems);
            }

            var ids = allergies.Select(a => a.Id).Concat(problems.Select(p => p.Id)).ToList();
            var existing = (await db.Allergies.Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken))
                .Concat(await db.Problems.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var allergy in allergies.Where(a => !existing.Contains(a.Id)))
            {
                db.Allergies.Add(allergy);
                db.Append(allergy, RecordHistory.Create, now, null);
            }

            foreach (var problem in problems.Where(p => !existing.Contains(p.Id)))
            {
                db.Problems.Add(problem);
                db.Append(problem, RecordHistory.Create, now, null);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private void Lists(DemoSeedContext context, int index, DateTimeOffset now, List<AllergyIntolerance> allergies, List<Problem> problems)
    {
        var random = new DemoRandom(DemoSeedContext.RandomSeed + 300_000 + index);
        var patient = context.IdFor("patient", index);
        var allergens = Enumerable.Range(0, random.Weighted([0, 1, 2], [0.6, 0.3, 0.1])).Select(_ => random.Pick(Allergens)).DistinctBy(a => a.Code).ToList();
        for (var i = 0; i < allergens.Count; i++)
        {
            var (code, display, category, reaction) = allergens[i];
            allergies.Add(new AllergyIntolerance
            {
                Id = context.IdFor("allergy", (index * 2) + i),
                PatientId = patient,
                SubstanceSystem = category == AllergyCategory.Medication ? "http://www.nlm.nih.gov/research/umls/rxnorm" : ClinicalCode.Snomed,
                SubstanceCode = code,
                SubstanceDisplay = display,
                Type = AllergyType.Allergy,
                Category = category,
                Criticality = reaction == "Anaphylaxis" ? AllergyCriticality.High : AllergyCriticality.Low,
                ClinicalStatus = AllergyClinicalStatus.Active,
                VerificationStatus = random.Pick(AllergyVerificationStatus.Confirmed, AllergyVerificationStatus.Unconfirmed),
                Reactions = [new AllergyReaction(new ClinicalCode(null, null, reaction), random.PickEnum<ReactionSeverity>(), null, null)],
                RecordedAt = now.AddDays(-random.Int(30, 3000)),
                UpdatedAt = now,
            });
        }

        var codes = Enumerable.Range(0, random.Weighted([0, 1, 2, 3], [0.4, 0.35, 0.15, 0.1])).Select(_ => random.Pick(Problems)).Distinct().ToList();
        for (var i = 0; i < codes.Count; i++)
        {
            var code = catalog.Find(codes[i]) ?? throw new InvalidOperationException($"The demo problem {codes[i]} is not in the ICD-10-CM catalogue.");
            problems.Add(new Problem
            {
                Id = context.IdFor("problem", (index * 3) + i),
                PatientId = patient,
                CodeSystem = DiagnosisResponse.Icd10Cm,
                Code = code.Code,
                Display = code.Display,
                ClinicalStatus = ConditionClinicalStatus.Active,
                VerificationStatus = ConditionVerificationStatus.Confirmed,
                OnsetAt = now.AddDays(-random.Int(60, 5000)),
                RecordedAt = now.AddDays(-random.Int(0, 59)),
                UpdatedAt = now,
            });
        }
    }
}
