namespace HealthCore.Modules.Practitioners.Contracts;

/// <summary>Looks up practitioners and departments of the current tenant.</summary>
internal interface IPractitionerDirectory
{
    Task<bool> PractitionerExistsAsync(Guid practitionerId, CancellationToken cancellationToken);

    Task<bool> DepartmentExistsAsync(Guid departmentId, CancellationToken cancellationToken);

    /// <summary>The practitioner with the departments (and privileges there) in effect now; null when not in this tenant.</summary>
    Task<PractitionerSummary?> FindPractitionerAsync(Guid practitionerId, CancellationToken cancellationToken);

    /// <summary>The id of the practitioner linked to the user account; null when no practitioner of this tenant is.</summary>
    Task<Guid?> PractitionerIdOfUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// The user accounts of the active physicians and nurses who are members of the department now: who answers for
    /// its patients when no named practitioner can be reached.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClinicalUsersOfDepartmentAsync(Guid departmentId, CancellationToken cancellationToken);

    /// <summary>The ids of the tenant's departments (inactive ones included) in any of the facilities.</summary>
    Task<IReadOnlyList<Guid>> DepartmentIdsInFacilitiesAsync(IReadOnlyCollection<Guid> facilityIds, CancellationToken cancellationToken);

    /// <summary>The department; null when not in this tenant. Inactive departments are returned with <c>Active</c> false.</summary>
    Task<DepartmentSummary?> FindDepartmentAsync(Guid departmentId, CancellationToken cancellationToken);

    /// <summary>
    /// In one query: whether the practitioner (when given) and the department exist in the tenant, and the department's
    /// rule <paramref name="ruleKey"/> (when given) in effect at <paramref name="at"/>.
    /// </summary>
    Task<BookingResources> FindBookingResourcesAsync(Guid? practitionerId, Guid departmentId, string? ruleKey, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>What a booking needs to know about its practitioner and department.</summary>
internal sealed record BookingResources(bool PractitionerExists, bool DepartmentExists, DepartmentRuleValue? Rule);

/// <summary>A practitioner as other modules need it: who, which role, and where they may work now.</summary>
/// <param name="Role">physician, nurse, technician, pharmacist, therapist or other.</param>
/// <param name="ActiveDepartments">Memberships in effect now, with their privileges (e.g. <c>admit</c>, <c>prescribe</c>).</param>
internal sealed record PractitionerSummary(
    Guid Id, string DisplayName, string Role, bool Active, Guid? UserId, IReadOnlyList<DepartmentMembership> ActiveDepartments);

/// <summary>A practitioner's membership of a department, with the privileges it grants there.</summary>
internal sealed record DepartmentMembership(Guid DepartmentId, IReadOnlyList<string> Privileges);

/// <summary>A department as other modules need it.</summary>
/// <param name="Type">clinical, diagnostic, support or administrative.</param>
/// <param name="Capabilities">Capability flags such as <c>imaging</c>, <c>icu</c>, <c>surgery</c>.</param>
internal sealed record DepartmentSummary(
    Guid Id, string Code, string Name, string Type, string? Specialty, Guid FacilityId, IReadOnlyList<string> Capabilities, bool Active);
