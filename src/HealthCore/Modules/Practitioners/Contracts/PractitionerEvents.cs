namespace HealthCore.Modules.Practitioners.Contracts;

/// <summary>A practitioner was added to the tenant's directory.</summary>
/// <param name="Role">physician, nurse, technician, pharmacist, therapist or other.</param>
/// <param name="DepartmentIds">Every department the practitioner has a membership of, whatever its period.</param>
internal sealed record PractitionerCreated(
    Guid PractitionerId, string DisplayName, string Role, bool Active, Guid? UserId, IReadOnlyList<Guid> DepartmentIds);

/// <summary>A practitioner's record changed (any field, memberships included); <c>Version</c> is the record's new version.</summary>
internal sealed record PractitionerUpdated(
    Guid PractitionerId, int Version, string DisplayName, string Role, bool Active, Guid? UserId, IReadOnlyList<Guid> DepartmentIds);
