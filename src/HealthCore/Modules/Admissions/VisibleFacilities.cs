using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

/// <summary>
/// Facilities named in a request: a facility of another tenant, or one the caller is not assigned to, is unknown.
/// Wards, beds and admissions themselves are scoped by the facility query filter of <see cref="AdmissionsDb"/>.
/// </summary>
internal static class VisibleFacilities
{
    /// <summary>The facility the caller may see, or null when it is not one (404 for a facility in the path or query).</summary>
    public static async Task<FacilityFacts?> FindAsync(AdmissionsDb db, IAdmissionDirectory directory, Guid facilityId, CancellationToken cancellationToken) =>
        db.FacilityAccess.Allows(facilityId) ? await directory.FindFacilityAsync(facilityId, cancellationToken) : null;

    /// <summary>400 naming facilityId unless the facility is active, of the tenant, and one the caller may act in.</summary>
    public static async Task<ValidationProblem?> UnknownForWardAsync(
        AdmissionsDb db, IAdmissionDirectory directory, Guid facilityId, CancellationToken cancellationToken) =>
        await FindAsync(db, directory, facilityId, cancellationToken) is { Active: true }
            ? null
            : FieldErrors.Invalid("facilityId", "No active facility you may act in has this id.");

    /// <summary>Every ward's facility, visible or not: only to count its days in the facility's time zone.</summary>
    public static Task<Guid> OfWardAsync(AdmissionsDb db, Guid wardId, CancellationToken cancellationToken) =>
        db.Wards.AsNoTracking().IgnoreQueryFilters([AdmissionsDb.FacilityFilterName])
            .Where(w => w.Id == wardId).Select(w => w.FacilityId).SingleAsync(cancellationToken);
}
