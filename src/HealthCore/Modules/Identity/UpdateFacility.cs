using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>
/// A facility's editable fields, the document a PATCH merges into. The code is not among them (other systems refer to
/// it), so sending it is an unknown-property 400. A null (or empty) address or phone clears it; a null time zone
/// restores the tenant's.
/// </summary>
internal sealed record FacilityInput(
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [StringLength(500)] string? Address,
    [StringLength(50), RegularExpression(Facility.PhonePattern, ErrorMessage = Facility.PhoneRule)] string? Phone,
    [IanaTimeZone] string? TimeZone,
    [Required] bool? Active);

internal static class UpdateFacility
{
    public static async Task<Results<Ok<FacilityResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, IdentityDb db, MergePatch mergePatch, ITenantSettings settings, HttpContext http,
        CancellationToken cancellationToken)
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

        var current = new FacilityInput(facility.Name, facility.Address, facility.Phone, facility.TimeZone, facility.Active);
        var (input, problem) = mergePatch.Apply(current, patch);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(input!.Name))
        {
            return FieldErrors.Invalid("name", "The name must not be blank.");
        }

        facility.Name = input.Name.Trim();
        facility.Address = Facility.Optional(input.Address);
        facility.Phone = Facility.Optional(input.Phone);
        facility.TimeZone = string.IsNullOrEmpty(input.TimeZone) ? (await settings.GetAsync(cancellationToken)).TimeZone : input.TimeZone;
        facility.Active = input.Active!.Value;
        await db.SaveChangesAsync(cancellationToken);

        http.SetETag(facility);
        return TypedResults.Ok(FacilityResponse.From(facility));
    }
}
