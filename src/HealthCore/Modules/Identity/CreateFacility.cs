using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>A new facility; without a time zone it takes the tenant's (config timeZone).</summary>
internal sealed record CreateFacilityRequest(
    [Required, RegularExpression(Facility.CodePattern, ErrorMessage = Facility.CodeRule)] string Code,
    [Required, StringLength(200)] string Name,
    [StringLength(500)] string? Address,
    [StringLength(50), RegularExpression(Facility.PhonePattern, ErrorMessage = Facility.PhoneRule)] string? Phone,
    [IanaTimeZone] string? TimeZone)
{
    public Facility ToFacility(string defaultTimeZone, DateTimeOffset now) => new()
    {
        Code = Facility.NormalizeCode(Code),
        Name = Name.Trim(),
        Address = Facility.Optional(Address),
        Phone = Facility.Optional(Phone),
        TimeZone = string.IsNullOrEmpty(TimeZone) ? defaultTimeZone : TimeZone,
        CreatedAt = now,
    };
}

internal static class CreateFacility
{
    public static async Task<Results<Created<FacilityResponse>, ConflictProblem>> Handle(
        CreateFacilityRequest request, IdentityDb db, ITenantSettings settings, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var code = Facility.NormalizeCode(request.Code);
        if (await db.Facilities.AnyAsync(f => f.Code == code, cancellationToken))
        {
            return CodeTaken(code);
        }

        var facility = request.ToFacility((await settings.GetAsync(cancellationToken)).TimeZone, clock.GetUtcNow());
        db.Facilities.Add(facility);
        if (!await db.SaveUnlessDuplicateAsync(cancellationToken))
        {
            return CodeTaken(code);
        }

        http.SetETag(facility);
        return TypedResults.Created($"/api/v1/facilities/{facility.Id}", FacilityResponse.From(facility));
    }

    private static ConflictProblem CodeTaken(string code) =>
        new("The facility code is taken.", $"The tenant already has a facility with code '{code}'; codes are unique per tenant, without regard to case.");
}
