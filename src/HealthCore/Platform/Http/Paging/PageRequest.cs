using System.ComponentModel.DataAnnotations;

namespace HealthCore.Platform.Http.Paging;

/// <summary>?limit=&amp;cursor= on every list endpoint. Limits above the maximum are rejected, not clamped, so callers notice.</summary>
internal sealed record PageRequest(
    [Range(1, PageRequest.MaxLimit)] int? Limit,
    [StringLength(2000)] string? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public int EffectiveLimit => Limit ?? DefaultLimit;
}

/// <summary>One page of a keyset-paginated list; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
