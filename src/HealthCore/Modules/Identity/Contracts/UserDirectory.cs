namespace HealthCore.Modules.Identity.Contracts;

/// <summary>Looks up user accounts of the current tenant; another tenant's user is not found.</summary>
internal interface IUserDirectory
{
    /// <summary>A user of the current tenant (active or not) has this id.</summary>
    Task<bool> ExistsAsync(Guid userId, CancellationToken cancellationToken);
}
