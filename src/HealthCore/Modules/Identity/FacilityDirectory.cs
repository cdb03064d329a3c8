using HealthCore.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed class FacilityDirectory(IdentityDb db) : IFacilityDirectory
{
    public Task<FacilitySummary?> FindAsync(Guid facilityId, CancellationToken cancellationToken) =>
        db.Facilities.AsNoTracking()
            .Where(f => f.Id == facilityId)
            .Select(f => new FacilitySummary(f.Id, f.Name, f.TimeZone, f.Active))
            .SingleOrDefaultAsync(cancellationToken);
}
