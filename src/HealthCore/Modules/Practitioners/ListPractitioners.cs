using HealthCore.Platform.Http;
using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

/// <summary>Filters of the practitioner list; all optional and combined with AND.</summary>
internal sealed record PractitionerFilter
{
    /// <summary>A specialty code (any code system), case-insensitive.</summary>
    [StringLength(100)]
    [FromQuery(Name = "specialty")]
    public string? Specialty { get; init; }

    /// <summary>Practitioners with a membership of this department in effect now.</summary>
    [FromQuery(Name = "departmentId")]
    public Guid? DepartmentId { get; init; }

    /// <summary>physician, nurse, technician, pharmacist, therapist or other.</summary>
    [StringLength(30)]
    [FromQuery(Name = "role")]
    public string? Role { get; init; }

    [FromQuery(Name = "active")]
    public bool? Active { get; init; }

    /// <summary>Case-insensitive prefix of the family name or a given name.</summary>
    [StringLength(100)]
    [FromQuery(Name = "name")]
    public string? Name { get; init; }
}

internal static class ListPractitioners
{
    public static async Task<Results<Ok<Page<PractitionerResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page, [AsParameters] PractitionerFilter filter, PractitionersDb db, CursorCodec cursors,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        NameCursor? after = null;
        if (page.Cursor is not null && !cursors.TryDecode(page.Cursor, out after))
        {
            return Paging.InvalidCursor();
        }

        var now = clock.GetUtcNow();
        var query = db.Practitioners.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Specialty))
        {
            var code = Practitioner.SpecialtyCodeOf(filter.Specialty);
            query = query.Where(p => p.SpecialtyCodes.Contains(code));
        }

        if (filter.DepartmentId is { } departmentId)
        {
            query = query.Where(p => p.Memberships.Any(m => m.DepartmentId == departmentId
                && (m.EffectiveFrom == null || m.EffectiveFrom <= now)
                && (m.EffectiveTo == null || m.EffectiveTo > now)));
        }

        if (filter.Role is not null)
        {
            if (!QueryEnum.TryParse<PractitionerRole>(filter.Role, out var role))
            {
                return QueryEnum.Unknown<PractitionerRole>("role");
            }

            query = query.Where(p => p.Role == role);
        }

        if (filter.Active is { } active)
        {
            query = query.Where(p => p.Active == active);
        }

        var rows = await query.WhereNameStartsWith(filter.Name).InNameOrderAfter(after)
            .Include(p => p.Memberships)
            .Take(page.EffectiveLimit + 1)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(
            rows, page.EffectiveLimit, p => cursors.Encode(NameSearch.CursorAfter(p)), p => PractitionerResponse.From(p, now)));
    }
}
