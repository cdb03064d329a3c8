
namespace HealthCore.Modules.Admissions;

/// <summary>
/// The time zone whose midnights a ward's days and lengths of stay are counted in: its facility's (the tenant's when
/// no ward or facility is known), each looked up once per request.
/// </summary>
internal sealed class WardZones(AdmissionsDb db, IAdmissionDirectory directory)
{
    private readonly Dictionary<Guid, TimeZoneInfo> byFacility = [];
    private readonly Dictionary<Guid, Guid> facilityOfWard = [];

    public async Task<TimeZoneInfo> OfFacilityAsync(Guid? facilityId, CancellationToken cancellationToken)
    {
        var key = facilityId ?? Guid.Empty;
        if (!byFacility.TryGetValue(key, out var zone))
        {
            zone = await directory.TimeZoneAsync(facilityId, cancellationToken);
            byFacility[key] = zone;
        }

        return zone;
    }

    public async Task<TimeZoneInfo> OfWardAsync(Guid? wardId, CancellationToken cancellationToken)
    {
        if (wardId is not { } ward)
        {
            return await OfFacilityAsync(null, cancellationToken);
        }

        if (!facilityOfWard.TryGetValue(ward, out var facility))
        {
            facility = await VisibleFacilities.OfWardAsync(db, ward, cancellationToken);
            facilityOfWard[ward] = facility;
        }

        return await OfFacilityAsync(facility, cancellationToken);
    }
}
