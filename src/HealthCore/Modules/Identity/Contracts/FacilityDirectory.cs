namespace HealthCore.Modules.Identity.Contracts;

/// <summary>A facility (site) as other modules need it.</summary>
/// <param name="TimeZone">IANA time zone of the site: its local days and wall-clock times are in this zone.</param>
/// <param name="Active">False for a site the tenant no longer runs; nothing new should be placed there.</param>
internal sealed record FacilitySummary(Guid Id, string Name, string TimeZone, bool Active);

/// <summary>Looks up facilities of the current tenant; another tenant's facility is not found.</summary>
internal interface IFacilityDirectory
{
    /// <summary>The facility, inactive ones included (check <see cref="FacilitySummary.Active"/>), or null.</summary>
    Task<FacilitySummary?> FindAsync(Guid facilityId, CancellationToken cancellationToken);
}
