using HealthCore.Platform.Http;
using HealthCore.Modules.Practitioners.Contracts;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

internal sealed class PractitionerDirectory(PractitionersDb db, TimeProvider clock) : IPractitionerDirectory
{
    public Task<bool> PractitionerExistsAsync(Guid practitionerId, CancellationToken cancellationToken) =>
        db.Practitioners.AnyAsync(p => p.Id == practitionerId, cancellationToken);

    public Task<bool> DepartmentExistsAsync(Guid departmentId, CancellationToken cancellationToken) =>
        db.Departments.AnyAsync(d => d.Id == departmentId, cancellationToken);

    public async Task<PractitionerSummary?> FindPractitionerAsync(Guid practitionerId, CancellationToken cancellationToken)
    {
        var practitioner = await db.Practitioners.AsNoTracking().Include(p => p.Memberships)
            .SingleOrDefaultAsync(p => p.Id == practitionerId, cancellationToken);
        if (practitioner is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        return new PractitionerSummary(
            practitioner.Id,
            practitioner.DisplayName,
            QueryEnum.Name(practitioner.Role),
            practitioner.Active,
            practitioner.UserId,
            [.. practitioner.OrderedMemberships().Where(m => m.IsInEffectAt(now)).Select(m => new DepartmentMembership(m.DepartmentId, m.Privileges))]);
    }

    public Task<Guid?> PractitionerIdOfUserAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Practitioners.Where(p => p.UserId == userId).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> ClinicalUsersOfDepartmentAsync(Guid departmentId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Practitioners.AsNoTracking()
            .Where(p => p.Active && p.UserId != null && (p.Role == PractitionerRole.Physician || p.Role == PractitionerRole.Nurse)
                && p.Memberships.Any(m => m.DepartmentId == departmentId && (m.EffectiveFrom == null || m.EffectiveFrom <= now) && (m.EffectiveTo == null || now < m.EffectiveTo)))
            .OrderBy(p => p.Id).Select(p => p.UserId!.Value).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> DepartmentIdsInFacilitiesAsync(IReadOnlyCollection<Guid> facilityIds, CancellationToken cancellationToken) =>
        await db.Departments.AsNoTracking().Where(d => facilityIds.Contains(d.FacilityId)).Select(d => d.Id).ToListAsync(cancellationToken);

    public async Task<DepartmentSummary?> FindDepartmentAsync(Guid departmentId, CancellationToken cancellationToken)
    {
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
        return department is null
            ? null
            : new DepartmentSummary(
                department.Id,
                department.Code,
                department.Name,
                QueryEnum.Name(department.Type),
                department.Specialty,
                department.FacilityId,
                [.. department.Capabilities.Select(QueryEnum.Name)],
                department.Active);
    }

    public async Task<BookingResources> FindBookingResourcesAsync(
        Guid? practitionerId, Guid departmentId, string? ruleKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var practitioner = db.Practitioners.Where(p => p.Id == practitionerId);
        var rule = DepartmentRulesReader.InEffect(db, departmentId, at).Where(r => r.Key == ruleKey);
        // Scalar subqueries, not the rule row: SQLite cannot join a row-limited correlated subquery (no APPLY).
        var found = await db.Departments.Where(d => d.Id == departmentId)
            .Select(d => new
            {
                Practitioner = practitionerId == null || practitioner.Any(),
                RuleValue = rule.Select(r => r.Value).FirstOrDefault(),
                RuleFrom = rule.Select(r => (DateTimeOffset?)r.EffectiveFrom).FirstOrDefault(),
                RuleTo = rule.Select(r => r.EffectiveTo).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return new BookingResources(practitionerId is null || await practitioner.AnyAsync(cancellationToken), false, null);
        }

        var value = found.RuleValue is null
            ? null
            : new DepartmentRule { DepartmentId = departmentId, Key = ruleKey!, Value = found.RuleValue, EffectiveFrom = found.RuleFrom!.Value, EffectiveTo = found.RuleTo }.ToValue();
        return new BookingResources(found.Practitioner, true, value);
    }
}

internal sealed class DepartmentRulesReader(PractitionersDb db) : IDepartmentRules
{
    public async Task<DepartmentRuleValue?> FindAsync(Guid departmentId, string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rule = await InEffect(db, departmentId, at).SingleOrDefaultAsync(r => r.Key == key, cancellationToken);
        return rule?.ToValue();
    }

    public async Task<IReadOnlyList<DepartmentRuleValue>> InEffectAsync(Guid departmentId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rules = await InEffect(db, departmentId, at).OrderBy(r => r.Key).ToListAsync(cancellationToken);
        return [.. rules.Select(r => r.ToValue())];
    }

    public static IQueryable<DepartmentRule> InEffect(PractitionersDb db, Guid departmentId, DateTimeOffset at) =>
        db.DepartmentRules.AsNoTracking()
            .Where(r => r.DepartmentId == departmentId && r.EffectiveFrom <= at && (r.EffectiveTo == null || r.EffectiveTo > at));
}
