using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace HealthCore.Platform.Http.Paging;

/// <summary>?limit=&amp;cursor= on every list endpoint. Limits above the maximum are rejected, not clamped, so callers notice.</summary>
/// <remarks>
/// Settable properties rather than a positional record: with [AsParameters], validation attributes on constructor
/// parameters make the OpenAPI document generator throw (dotnet/aspnetcore#65348).
/// </remarks>
internal sealed record PageRequest
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    [Range(1, MaxLimit)]
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    [StringLength(2000)]
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    public int EffectiveLimit => Limit ?? DefaultLimit;
}

/// <summary>One page of a keyset-paginated list; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
