namespace HealthCore.Modules.Identity.Contracts;

/// <summary>Looks up user accounts of the current tenant; another tenant's user is not found.</summary>
internal interface IUserDirectory
{
    /// <summary>A user of the current tenant (active or not) has this id.</summary>
    Task<bool> ExistsAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// The active users holding any of <paramref name="roles"/> who work in the facility (assigned to it, or to every
    /// facility): an on-call role's members, e.g. to escalate an unanswered alert to.
    /// </summary>
    Task<IReadOnlyList<Guid>> ActiveUsersInRolesAsync(IReadOnlyCollection<string> roles, Guid facilityId, CancellationToken cancellationToken);
}
