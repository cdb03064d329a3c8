namespace HealthCore.Platform.Security;

/// <summary>
/// The facilities (sites) of the tenant a caller may read and act in: every one (tenant-wide users, and work that runs
/// outside a request), or only those the user is assigned to. Facility-owned data of any other facility is treated as
/// if it did not exist, exactly like another tenant's.
/// </summary>
internal sealed record FacilityAccess
{
    /// <summary>The access token claim: one facility id per value, or <see cref="EveryFacility"/>. A token without it sees no facility.</summary>
    public const string Claim = "facility_ids";

    public const string EveryFacility = "*";

    private FacilityAccess(bool all, Guid[] ids)
    {
        All = all;
        Ids = ids;
    }

    public static FacilityAccess Tenant { get; } = new(true, []);

    public bool All { get; }

    /// <summary>The assigned facilities when not <see cref="All"/>.</summary>
    public IReadOnlyList<Guid> Ids { get; }

    public static FacilityAccess Only(IEnumerable<Guid> ids) => new(false, [.. ids.Distinct()]);

    public bool Allows(Guid? facilityId) => All || (facilityId is { } id && Ids.Contains(id));

    /// <summary>From the claim values: any <see cref="EveryFacility"/> means every facility; unparsable values grant nothing.</summary>
    public static FacilityAccess FromClaims(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Contains(EveryFacility)
            ? Tenant
            : Only(list.Select(value => Guid.TryParse(value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty));
    }
}
