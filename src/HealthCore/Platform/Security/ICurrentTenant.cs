namespace HealthCore.Platform.Security;

/// <summary>The tenant and user the current unit of work acts for; null outside an authenticated request.</summary>
internal interface ICurrentTenant
{
    Guid? TenantId { get; }

    Guid? UserId { get; }

    /// <summary>Which of the tenant's facilities the caller may see and act in.</summary>
    FacilityAccess Facilities { get; }
}
