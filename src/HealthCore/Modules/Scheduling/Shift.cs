using HealthCore.Platform.Database;

namespace HealthCore.Modules.Scheduling;

/// <summary>A department staffing shift: a role to fill with RequiredHeadcount practitioners from StartsAt to EndsAt.</summary>
internal sealed class Shift : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid DepartmentId { get; init; }

    public required string Role { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public int RequiredHeadcount { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A practitioner assigned to a shift; the shift's times are copied so overlaps are one indexed query.</summary>
internal sealed class ShiftAssignment : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid ShiftId { get; init; }

    public Guid PractitionerId { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public DateTimeOffset AssignedAt { get; init; }
}
