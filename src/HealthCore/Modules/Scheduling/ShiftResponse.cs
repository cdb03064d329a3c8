namespace HealthCore.Modules.Scheduling;

/// <param name="UnderStaffed">True while fewer practitioners are assigned than the shift requires.</param>
internal sealed record ShiftResponse(
    Guid Id, Guid DepartmentId, string Role, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int RequiredHeadcount,
    IReadOnlyList<Guid> AssignedPractitionerIds, bool UnderStaffed, int Version)
{
    public static ShiftResponse From(Shift shift, IEnumerable<ShiftAssignment> assignments)
    {
        var assigned = assignments.OrderBy(a => a.AssignedAt).ThenBy(a => a.Id).Select(a => a.PractitionerId).ToList();
        return new(shift.Id, shift.DepartmentId, shift.Role, shift.StartsAt, shift.EndsAt, shift.RequiredHeadcount, assigned,
            assigned.Count < shift.RequiredHeadcount, shift.Version);
    }
}
