using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients.Demo;

/// <summary>
/// Demo patients with realistic demographics, each cared for by one of the demo practitioners (their allergies and
/// problem lists are the Clinical module's). The same index always yields the same patient, so a rerun adds only what
/// is missing.
/// </summary>
internal sealed class PatientsDemoSeeder(
    PatientsDb db, IdentifierProtector protector, ITenantSettings settings, MrnGenerator mrns, KnownNames knownNames, TimeProvider clock) : IDemoSeeder
{
    private const int BatchSize = 250;
    private const int DemoPractitioners = 40;

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
                    Mrn = await mrns.NextAsync(db, settings, context.TenantId, cancellationToken),
                    TenantId = context.TenantId,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                var (plain, encrypted) = PatientIdentifiers.Split(protector, context.TenantId, details.Identifiers, []);
                patient.Apply(details, plain, encrypted, protector.CurrentKeyId);
                NameVocabulary.Add(db, knownNames, patient);
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
        var random = new DemoRandom(DemoSeedContext.RandomSeed + 100_000 + index);
        var female = random.Bool();
        var family = random.FamilyName();
        var given = random.GivenName(female);
        var birthDate = today.AddDays(-random.Int(1, 95 * 365));
        var city = random.City();
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
            Addresses: [new Address(AddressUse.Home, [random.StreetAddress()], city.City, State: city.State, PostalCode: random.ZipCode(), Country: "US")],
            PreferredLanguage: random.Pick("en", "en", "en", "es", "fr", "zh"),
            MaritalStatus: birthDate < today.AddYears(-20) ? random.PickEnum<MaritalStatus>() : MaritalStatus.Single,
            PrimaryPractitionerId: context.IdFor("practitioner", index % DemoPractitioners),
            HeightCm: birthDate < today.AddYears(-18) ? random.Int(150, 195) : random.Int(60, 170),
            WeightKg: birthDate < today.AddYears(-18) ? random.Int(48, 120) : random.Int(6, 70));
    }
}
