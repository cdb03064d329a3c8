using HealthCore.Platform.Http;
using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

/// <summary>Filters of the department list; all optional and combined with AND.</summary>
internal sealed record DepartmentFilter
{
    [FromQuery(Name = "facilityId")]
    public Guid? FacilityId { get; init; }

    /// <summary>clinical, diagnostic, support or administrative.</summary>
    [StringLength(30)]
    [FromQuery(Name = "type")]
    public string? Type { get; init; }

    /// <summary>A capability flag the department must have, e.g. imaging.</summary>
    [StringLength(30)]
    [FromQuery(Name = "capability")]
    public string? Capability { get; init; }

    /// <summary>Case-insensitive prefix of any word of the name.</summary>
    [StringLength(100)]
    [FromQuery(Name = "name")]
    public string? Name { get; init; }

    [FromQuery(Name = "active")]
    public bool? Active { get; init; }
}

internal static class ListDepartments
{
    public static async Task<Results<Ok<Page<DepartmentResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page, [AsParameters] DepartmentFilter filter, PractitionersDb db, CursorCodec cursors,
        CancellationToken cancellationToken)
    {
        NameCursor? after = null;
        if (page.Cursor is not null && !cursors.TryDecode(page.Cursor, out after))
        {
            return Paging.InvalidCursor();
        }

        var query = db.Departments.AsNoTracking();
        if (filter.FacilityId is { } facilityId)
        {
            query = query.Where(d => d.FacilityId == facilityId);
        }

        if (filter.Type is not null)
        {
            if (!QueryEnum.TryParse<DepartmentType>(filter.Type, out var type))
            {
                return QueryEnum.Unknown<DepartmentType>("type");
            }

            query = query.Where(d => d.Type == type);
        }

        if (filter.Capability is not null)
        {
            if (!QueryEnum.TryParse<DepartmentCapability>(filter.Capability, out var capability))
            {
                return QueryEnum.Unknown<DepartmentCapability>("capability");
            }

            var code = Department.CodeOf(capability);
            query = query.Where(d => d.CapabilityCodes.Contains(code));
        }

        if (filter.Active is { } active)
        {
            query = query.Where(d => d.Active == active);
        }

        var rows = await query.WhereNameStartsWith(filter.Name).InNameOrderAfter(after)
            .Take(page.EffectiveLimit + 1)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, d => cursors.Encode(NameSearch.CursorAfter(d)), DepartmentResponse.From));
    }
}
