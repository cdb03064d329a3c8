using Bogus;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

/// <summary>
/// Demo patients with realistic demographics, allergies and conditions, each cared for by one of the demo
/// practitioners. The same index always yields the same patient, so a rerun adds only what is missing.
/// </summary>
internal sealed class PatientsDemoSeeder(PatientsDb db, IdentifierProtector protector, ITenantSettings settings, TimeProvider clock) : IDemoSeeder
{
    private const int BatchSize = 250;
    private const int DemoPractitioners = 40;

    private static readonly (string Substance, string Reaction)[] Allergens =
    [
        ("Penicillin", "Hives"), ("Peanuts", "Anaphylaxis"), ("Latex", "Contact dermatitis"), ("Sulfonamides", "Rash"),
        ("Shellfish", "Swelling of the lips"), ("Aspirin", "Bronchospasm"),
    ];

    private static readonly (string Code, string Display)[] Diagnoses =
    [
        ("E11.9", "Type 2 diabetes mellitus without complications"), ("I10", "Essential (primary) hypertension"),
        ("J45.909", "Unspecified asthma, uncomplicated"), ("E78.5", "Hyperlipidemia, unspecified"),
        ("M54.5", "Low back pain"), ("F41.1", "Generalized anxiety disorder"), ("N18.3", "Chronic kidney disease, stage 3"),
        ("K21.9", "Gastro-esophageal reflux disease without esophagitis"),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var start = 0; start < context.PatientCount; start += BatchSize)
        {
            var indexes = Enumerable.Range(start, Math.Min(BatchSize, context.PatientCount - start)).ToList();
            var ids = indexes.Select(i => context.IdFor("patient", i)).ToList();
            var existing = (await db.Patients.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var index in indexes.Where(i => !existing.Contains(ids[i - start])))
            {
                var details = NewPatient(index, context, today);
                var patient = new Patient
                {
                    Id = ids[index - start],
                    Mrn = await MrnGenerator.NextAsync(db, settings, context.TenantId, cancellationToken),
                    TenantId = context.TenantId,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                var (plain, encrypted) = PatientIdentifiers.Split(protector, context.TenantId, details.Identifiers, []);
                patient.Apply(details, plain, encrypted, protector.CurrentKeyId);
                await NameVocabulary.AddAsync(db, patient, cancellationToken);
                db.Patients.Add(patient);
                db.LookupKeys.AddRange(PatientIdentifiers.LookupKeys(protector, patient, details.Identifiers ?? []));
                db.Publish(new PatientRegistered(patient.Id, patient.Mrn), now);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private static PatientDetails NewPatient(int index, DemoSeedContext context, DateOnly today)
    {
        var faker = new Faker { Random = new Randomizer(DemoSeedContext.RandomSeed + 100_000 + index) };
        var female = faker.Random.Bool();
        var gender = female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male;
        var family = faker.Name.LastName();
        var given = faker.Name.FirstName(gender);
        var birthDate = today.AddDays(-faker.Random.Int(1, 95 * 365));
        var allergies = Enumerable.Range(0, faker.Random.WeightedRandom([0, 1, 2], [0.6f, 0.3f, 0.1f]))
            .Select(_ => faker.PickRandom(Allergens))
            .DistinctBy(a => a.Substance)
            .Select(a => new Allergy(a.Substance, Reaction: a.Reaction, Severity: faker.PickRandom<AllergySeverity>(), Status: AllergyStatus.Active,
                RecordedDate: birthDate.AddDays(faker.Random.Int(0, Math.Max(0, today.DayNumber - birthDate.DayNumber)))))
            .ToList();
        var conditions = Enumerable.Range(0, faker.Random.WeightedRandom([0, 1, 2, 3], [0.4f, 0.35f, 0.15f, 0.1f]))
            .Select(_ => faker.PickRandom(Diagnoses))
            .DistinctBy(d => d.Code)
            .Select(d => new Condition(d.Code, d.Display, ClinicalStatus: ConditionStatus.Active))
            .ToList();
        return new PatientDetails(
            Name: new HumanName(family, [given]),
            BirthDate: birthDate,
            Gender: female ? AdministrativeGender.Female : AdministrativeGender.Male,
            Identifiers: [new Identifier("urn:healthcore:insurance-member", $"INS{1_000_000 + index}")],
            Telecom:
            [
                new ContactPoint(ContactPointSystem.Phone, $"+1555{3_000_000 + index:D7}", ContactPointUse.Mobile),
                new ContactPoint(ContactPointSystem.Email, $"{given}.{family}.{index}@example.org".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal), ContactPointUse.Home),
            ],
            Addresses: [new Address(AddressUse.Home, [faker.Address.StreetAddress()], faker.Address.City(), State: faker.Address.StateAbbr(), PostalCode: faker.Address.ZipCode("#####"), Country: "US")],
            PreferredLanguage: faker.PickRandom("en", "en", "en", "es", "fr", "zh"),
            MaritalStatus: birthDate < today.AddYears(-20) ? faker.PickRandom<MaritalStatus>() : MaritalStatus.Single,
            PrimaryPractitionerId: context.IdFor("practitioner", index % DemoPractitioners),
            HeightCm: birthDate < today.AddYears(-18) ? faker.Random.Int(150, 195) : faker.Random.Int(60, 170),
            WeightKg: birthDate < today.AddYears(-18) ? faker.Random.Int(48, 120) : faker.Random.Int(6, 70),
            Allergies: allergies,
            Conditions: conditions);
    }
}
