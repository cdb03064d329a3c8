using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Security;
using HealthCore.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions.Demo;

/// <summary>One demo ward: where it is (its department's facility), what it takes, and how long patients stay.</summary>
internal sealed record DemoWard(
    string Code,
    string Name,
    int DepartmentIndex,
    WardType Type,
    GenderPolicy Policy,
    int Capacity,
    int Beds,
    BedType BedType,
    BedFeature[] BedFeatures,
    string[] Features,
    double MeanStayDays,
    string Reason)
{
    public bool IsCriticalCare => Type is WardType.Icu or WardType.Ccu;
}

/// <summary>
/// The demo tenant's wards and beds in both facilities, each ward beside its department, and then about five weeks of
/// admissions, transfers, discharges, cleaning and maintenance (<see cref="DemoHistory"/>), so the bed board and the
/// census show a hospital in use. Ward and bed ids come from <see cref="DemoSeedContext.IdFor"/>; the history is
/// written once, when none of the demo beds has any yet.
/// </summary>
internal sealed class AdmissionsDemoSeeder(
    AdmissionsDb db, IAdmissionDirectory directory, IPractitionerDirectory practitioners, IPatientDirectory patients,
    ICurrentTenant tenant, TimeProvider clock) : IDemoSeeder
{
    /// <summary>Department indexes as the practitioners seeder numbers them (MED, SURG, CARD, ICU, ED, PED); -1 for none.</summary>
    public static readonly DemoWard[] Wards =
    [
        new("MA", "Medical Ward A", 0, WardType.General, GenderPolicy.Mixed, 26, 22, BedType.Standard, [BedFeature.Oxygen], ["telemetry"], 5, "Community-acquired pneumonia"),
        new("MB", "Medical Ward B (Female)", 0, WardType.General, GenderPolicy.Female, 20, 18, BedType.Standard, [BedFeature.Oxygen], [], 5, "Exacerbation of COPD"),
        new("CC", "Coronary Care Unit", 2, WardType.Ccu, GenderPolicy.Mixed, 8, 8, BedType.Ccu, [BedFeature.Monitor, BedFeature.Oxygen], ["telemetry", "cardiac monitoring"], 3, "Acute coronary syndrome"),
        new("IS", "Isolation Unit", 0, WardType.Isolation, GenderPolicy.Mixed, 6, 6, BedType.Isolation, [BedFeature.Oxygen], ["anteroom", "negative pressure"], 6, "Suspected pulmonary tuberculosis"),
        new("MAT", "Maternity Ward", -1, WardType.Maternity, GenderPolicy.Female, 16, 14, BedType.Standard, [BedFeature.Oxygen], ["birthing suites", "neonatal resuscitation"], 2, "Spontaneous labour at term"),
        new("SW", "Surgical Ward", 1, WardType.General, GenderPolicy.Mixed, 24, 20, BedType.Standard, [BedFeature.Oxygen], ["post-operative care"], 4, "Acute appendicitis"),
        new("ICU", "Intensive Care Unit", 3, WardType.Icu, GenderPolicy.Mixed, 12, 10, BedType.Icu, [BedFeature.Ventilator, BedFeature.Monitor, BedFeature.Oxygen], ["ventilation", "dialysis"], 3, "Septic shock"),
        new("PW", "Paediatric Ward", 5, WardType.General, GenderPolicy.Mixed, 16, 14, BedType.Pediatric, [BedFeature.Oxygen], ["parent beds", "play room"], 3, "Bronchiolitis"),
    ];

    /// <summary>Negative-pressure rooms of the isolation unit: the first beds, for airborne isolation.</summary>
    public const int NegativePressureBeds = 4;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        if (context.FacilityIds.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var inServiceSince = DemoHistory.Minute(now) - DemoHistory.Span - TimeSpan.FromDays(7);
        var placed = new List<(DemoWard Plan, Ward Ward, List<Bed> Beds)>();
        for (var w = 0; w < Wards.Length; w++)
        {
            var plan = Wards[w];
            var department = plan.DepartmentIndex < 0
                ? null
                : await practitioners.FindDepartmentAsync(context.IdFor("department", plan.DepartmentIndex), cancellationToken);
            var ward = await db.Wards.SingleOrDefaultAsync(x => x.Id == context.IdFor("ward", w), cancellationToken)
                ?? db.Wards.Add(new Ward
                {
                    Id = context.IdFor("ward", w),
                    FacilityId = department?.FacilityId ?? context.FacilityIds[0],
                    DepartmentId = department?.Id,
                    Name = plan.Name,
                    Type = plan.Type,
                    Capacity = plan.Capacity,
                    BedCount = plan.Beds,
                    Features = plan.Features,
                    GenderPolicy = plan.Policy,
                    CreatedAt = now,
                }).Entity;
            placed.Add((plan, ward, await BedsAsync(context, w, plan, ward, inServiceSince, now, cancellationToken)));
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var bedIds = placed.SelectMany(p => p.Beds).Select(b => b.Id).ToList();
        if (await db.BedStatusChanges.AnyAsync(c => bedIds.Contains(c.BedId), cancellationToken))
        {
            return;
        }

        var people = await DemoPeople.LoadAsync(context, patients, practitioners, cancellationToken);
        if (people is not null)
        {
            await new DemoHistory(db, directory, tenant, placed.ConvertAll(p => new DemoHistory.Unit(p.Plan, p.Ward, p.Beds)), people, now)
                .PlayAsync(cancellationToken);
        }
    }

    private async Task<List<Bed>> BedsAsync(
        DemoSeedContext context, int w, DemoWard plan, Ward ward, DateTimeOffset inServiceSince, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, plan.Beds).Select(n => context.IdFor("bed", (w * 1000) + n)).ToList();
        var beds = await db.Beds.AsNoTracking().Where(b => ids.Contains(b.Id)).ToListAsync(cancellationToken);
        for (var n = 0; n < plan.Beds; n++)
        {
            if (beds.Any(b => b.Id == ids[n]))
            {
                continue;
            }

            IEnumerable<BedFeature> features = plan.Type == WardType.Isolation && n < NegativePressureBeds
                ? [.. plan.BedFeatures, BedFeature.NegativePressure]
                : plan.BedFeatures;
            var bed = new Bed
            {
                Id = ids[n],
                WardId = ward.Id,
                Number = $"{plan.Code}-{n + 1:D2}",
                Type = plan.BedType,
                Features = BedFeatureSet.From(features),
                InServiceSince = inServiceSince,
                CreatedAt = now,
            };
            bed.Initialize();
            db.Beds.Add(bed);
            beds.Add(bed);
        }

        return [.. beds.OrderBy(b => b.Number, StringComparer.Ordinal)];
    }
}
