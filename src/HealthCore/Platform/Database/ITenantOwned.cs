namespace HealthCore.Platform.Database;

/// <summary>A row that belongs to one tenant: stamped on insert from the principal and filtered on every query.</summary>
internal interface ITenantOwned
{
    Guid TenantId { get; set; }
}

/// <summary>A row whose <see cref="Version"/> is the optimistic concurrency token, bumped on every update; ETags derive from it.</summary>
internal interface IVersioned
{
    int Version { get; set; }
}
