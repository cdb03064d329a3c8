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
            EnumCodes.Of(practitioner.Role),
            practitioner.Active,
            practitioner.UserId,
            [.. practitioner.OrderedMemberships().Where(m => m.IsInEffectAt(now)).Select(m => new DepartmentMembership(m.DepartmentId, m.Privileges))]);
    }

    public Task<Guid?> PractitionerIdOfUserAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Practitioners.Where(p => p.UserId == userId).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);

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
                EnumCodes.Of(department.Type),
                department.Specialty,
                department.FacilityId,
                [.. department.Capabilities.Select(EnumCodes.Of)],
                department.Active);
    }
}

internal sealed class DepartmentRulesReader(PractitionersDb db) : IDepartmentRules
{
    public async Task<DepartmentRuleValue?> FindAsync(Guid departmentId, string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rule = await InEffect(departmentId, at).SingleOrDefaultAsync(r => r.Key == key, cancellationToken);
        return rule?.ToValue();
    }

    public async Task<IReadOnlyList<DepartmentRuleValue>> InEffectAsync(Guid departmentId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rules = await InEffect(departmentId, at).OrderBy(r => r.Key).ToListAsync(cancellationToken);
        return [.. rules.Select(r => r.ToValue())];
    }

    private IQueryable<DepartmentRule> InEffect(Guid departmentId, DateTimeOffset at) =>
        db.DepartmentRules.AsNoTracking()
            .Where(r => r.DepartmentId == departmentId && r.EffectiveFrom <= at && (r.EffectiveTo == null || r.EffectiveTo > at));
}
