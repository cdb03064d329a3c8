using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

/// <summary>The checks on a practitioner document that need the database, shared by create and update.</summary>
internal static class PractitionerChecks
{
    /// <summary>Every membership must name a department of this tenant: 400 naming departments[i].departmentId otherwise.</summary>
    public static async Task<ValidationProblem?> UnknownDepartmentsAsync(PractitionersDb db, PractitionerInput input, CancellationToken cancellationToken)
    {
        var requested = (input.Departments ?? []).Select(m => m.DepartmentId!.Value).Distinct().ToList();
        if (requested.Count == 0)
        {
            return null;
        }

        var known = await db.Departments.Where(d => requested.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        var errors = input.Departments!
            .Select((membership, i) => (membership, i))
            .Where(m => !known.Contains(m.membership.DepartmentId!.Value))
            .ToDictionary(m => $"departments[{m.i}].departmentId", m => new[] { $"No department '{m.membership.DepartmentId}' exists in this tenant." });
        return errors.Count == 0 ? null : FieldErrors.Invalid(errors);
    }

    /// <summary>400 naming facilityId unless an active facility of the tenant has the id (another tenant's is not found).</summary>
    public static async Task<ValidationProblem?> UnknownFacilityAsync(IFacilityDirectory facilities, Guid? facilityId, CancellationToken cancellationToken) =>
        facilityId is { } id && await facilities.FindAsync(id, cancellationToken) is not { Active: true }
            ? FieldErrors.Invalid("facilityId", $"No active facility of this tenant has the id {id}.")
            : null;

    /// <summary>400 naming userId unless a user account of the tenant has the id.</summary>
    public static async Task<ValidationProblem?> UnknownUserAsync(IUserDirectory users, Guid? userId, CancellationToken cancellationToken) =>
        userId is { } id && !await users.ExistsAsync(id, cancellationToken)
            ? FieldErrors.Invalid("userId", $"No user of this tenant has the id {id}.")
            : null;

    /// <summary>A user account is linked to at most one practitioner of the tenant.</summary>
    public static async Task<ConflictProblem?> UserAlreadyLinkedAsync(PractitionersDb db, Guid? userId, Guid practitionerId, CancellationToken cancellationToken) =>
        userId is { } user && await db.Practitioners.Where(p => p.UserId == user && p.Id != practitionerId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken) is { } other
            ? UserLinkTaken(user, other)
            : null;

    public static ConflictProblem UserLinkTaken(Guid userId, Guid? otherPractitioner = null) => new(
        "User already linked to a practitioner.",
        otherPractitioner is null
            ? $"User '{userId}' is already linked to another practitioner."
            : $"User '{userId}' is already linked to practitioner '{otherPractitioner}'.",
        new Dictionary<string, object?> { ["field"] = "userId" });

    public static PractitionerCreated Created(Practitioner p) =>
        new(p.Id, p.DisplayName, QueryEnum.Name(p.Role), p.Active, p.UserId, DepartmentIds(p));

    // Published before the save that bumps the version, so it carries the version that save will write.
    public static PractitionerUpdated Updated(Practitioner p) =>
        new(p.Id, p.Version + 1, p.DisplayName, QueryEnum.Name(p.Role), p.Active, p.UserId, DepartmentIds(p));

    private static List<Guid> DepartmentIds(Practitioner p) => [.. p.Memberships.Select(m => m.DepartmentId).Distinct()];
}
