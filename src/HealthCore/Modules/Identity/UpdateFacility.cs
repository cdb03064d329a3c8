using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>
/// A partial update: an omitted (or null) field stays as it is; an empty address or phone clears it. The code cannot
/// change (other systems refer to it), so sending it is an unknown-property 400.
/// </summary>
internal sealed record UpdateFacilityRequest(
    [StringLength(200, MinimumLength = 1)] string? Name,
    [StringLength(500)] string? Address,
    [StringLength(50), RegularExpression(Facility.PhonePattern, ErrorMessage = Facility.PhoneRule)] string? Phone,
    [IanaTimeZone] string? TimeZone,
    bool? Active);

internal static class UpdateFacility
{
    public static async Task<Results<Ok<FacilityResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem>> Handle(
        Guid id, UpdateFacilityRequest request, IdentityDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var facility = await db.Facilities.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (facility is null)
        {
            return NotFoundProblem.For("Facility", id);
        }

        if (db.CheckIfMatch(http.Request, facility) is { } precondition)
        {
            return precondition;
        }

        if (request.Name is { } name && string.IsNullOrWhiteSpace(name))
        {
            return FieldErrors.Invalid("name", "The name must not be blank.");
        }

        facility.Name = request.Name?.Trim() ?? facility.Name;
        facility.Address = request.Address is null ? facility.Address : Facility.Optional(request.Address);
        facility.Phone = request.Phone is null ? facility.Phone : Facility.Optional(request.Phone);
        facility.TimeZone = string.IsNullOrEmpty(request.TimeZone) ? facility.TimeZone : request.TimeZone;
        facility.Active = request.Active ?? facility.Active;
        await db.SaveChangesAsync(cancellationToken);

        http.SetETag(facility);
        return TypedResults.Ok(FacilityResponse.From(facility));
    }
}
