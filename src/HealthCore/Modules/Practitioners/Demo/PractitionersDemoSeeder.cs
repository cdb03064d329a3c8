using HealthCore.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners.Demo;

/// <summary>Eight departments over the demo facilities and forty practitioners with licences and memberships.</summary>
internal sealed class PractitionersDemoSeeder(PractitionersDb db, TimeProvider clock) : IDemoSeeder
{
    public const int PractitionerCount = 40;

    private static readonly (string Code, string Name, DepartmentType Type, string Specialty, DepartmentCapability[] Capabilities)[] Departments =
    [
        ("MED", "Internal Medicine", DepartmentType.Clinical, "internal-medicine", [DepartmentCapability.Inpatient, DepartmentCapability.Outpatient]),
        ("SURG", "General Surgery", DepartmentType.Clinical, "general-surgery", [DepartmentCapability.Surgery, DepartmentCapability.Inpatient]),
        ("CARD", "Cardiology", DepartmentType.Clinical, "cardiology", [DepartmentCapability.Ccu, DepartmentCapability.Outpatient]),
        ("ICU", "Intensive Care", DepartmentType.Clinical, "critical-care", [DepartmentCapability.Icu, DepartmentCapability.Inpatient]),
        ("ED", "Emergency", DepartmentType.Clinical, "emergency-medicine", [DepartmentCapability.Emergency]),
        ("PED", "Paediatrics", DepartmentType.Clinical, "paediatrics", [DepartmentCapability.Outpatient, DepartmentCapability.Inpatient]),
        ("RAD", "Radiology", DepartmentType.Diagnostic, "radiology", [DepartmentCapability.Imaging]),
        ("LAB", "Laboratory", DepartmentType.Diagnostic, "pathology", [DepartmentCapability.Laboratory]),
    ];

    private static readonly PractitionerRole[] RoleMix =
        [PractitionerRole.Physician, PractitionerRole.Physician, PractitionerRole.Nurse, PractitionerRole.Nurse, PractitionerRole.Technician];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var departmentIds = Departments.Select((_, i) => context.IdFor("department", i)).ToArray();
        var existingDepartments = await db.Departments.Where(d => departmentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < Departments.Length; i++)
        {
            if (existingDepartments.Contains(departmentIds[i]))
            {
                continue;
            }

            var (code, name, type, specialty, capabilities) = Departments[i];
            var department = new Department { Id = departmentIds[i], CreatedAt = now, UpdatedAt = now };
            department.Apply(new DepartmentInput(name, code, type, specialty, context.FacilityIds[i % context.FacilityIds.Count], capabilities,
                new ContactDetails($"+1555010{i:D4}", $"{code.ToLowerInvariant()}@demo-hospital.example")));
            db.Departments.Add(department);
        }

        var practitionerIds = Enumerable.Range(0, PractitionerCount).Select(i => context.IdFor("practitioner", i)).ToArray();
        var existing = await db.Practitioners.Where(p => practitionerIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < PractitionerCount; i++)
        {
            if (!existing.Contains(practitionerIds[i]))
            {
                var practitioner = NewPractitioner(practitionerIds[i], i, departmentIds, now, i < DemoSeedContext.StaffWithAccounts ? context.IdFor("user", i) : null);
                db.Practitioners.Add(practitioner);
                db.Publish(PractitionerChecks.Created(practitioner), now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static Practitioner NewPractitioner(Guid id, int index, Guid[] departmentIds, DateTimeOffset now, Guid? account)
    {
        var random = new DemoRandom(DemoSeedContext.RandomSeed + index);
        var role = RoleMix[index % RoleMix.Length];
        var department = index % Departments.Length;
        var physician = role == PractitionerRole.Physician;
        var practitioner = new Practitioner { Id = id, CreatedAt = now, UpdatedAt = now };
        practitioner.Apply(new PractitionerInput(
            new HumanName(random.FamilyName(), [random.GivenName()], physician ? ["Dr"] : null),
            role,
            [new Coding("urn:healthcore:specialty", Departments[department].Specialty)],
            [new License($"LIC-{100000 + index}", physician ? "State Medical Board" : "State Board of Nursing", DateOnly.FromDateTime(now.UtcDateTime).AddYears(1 + (index % 3)))],
            [physician ? "MD" : role == PractitionerRole.Nurse ? "RN" : "RT"],
            new ContactDetails($"+1555020{index:D4}", $"practitioner{index}@demo-hospital.example"),
            role is PractitionerRole.Physician or PractitionerRole.Nurse ? account : null));
        practitioner.SetMemberships([new MembershipInput(departmentIds[department], physician ? ["admit", "prescribe"] : ["chart"])]);
        return practitioner;
    }
}
