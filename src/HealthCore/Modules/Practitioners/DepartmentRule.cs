using System.Text.Json;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Practitioners;

/// <summary>
/// One version of a department rule: a key with a JSON value, in effect from <see cref="EffectiveFrom"/> (inclusive)
/// until <see cref="EffectiveTo"/> (exclusive; null = open-ended). Versions of one key never overlap.
/// </summary>
internal sealed class DepartmentRule : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid DepartmentId { get; init; }

    public required string Key { get; init; }

    // Compact JSON text, as the caller sent it.
    public required string Value { get; init; }

    public DateTimeOffset EffectiveFrom { get; set; }

    public DateTimeOffset? EffectiveTo { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool Overlaps(DateTimeOffset from, DateTimeOffset? to) =>
        (to is null || EffectiveFrom < to) && (EffectiveTo is null || from < EffectiveTo);

    public DepartmentRuleValue ToValue()
    {
        using var document = JsonDocument.Parse(Value);
        return new DepartmentRuleValue(Key, document.RootElement.Clone(), EffectiveFrom, EffectiveTo);
    }
}

/// <summary>
/// Setting a value for a period changes the key's timeline only inside that period: versions overlapping it are cut
/// back (an earlier version now ends at the new effectiveFrom, a later one starts at the new effectiveTo), versions
/// entirely inside it are removed, and a version spanning the whole period is split around it. The audit trail keeps
/// what was replaced.
/// </summary>
internal sealed record RuleTimelineChange(
    IReadOnlyList<DepartmentRule> Removed, IReadOnlyList<DepartmentRule> Added)
{
    public static RuleTimelineChange? Set(IReadOnlyList<DepartmentRule> versions, DepartmentRule set)
    {
        var (from, to) = (set.EffectiveFrom, set.EffectiveTo);
        if (versions.Any(v => v.EffectiveFrom == from && v.EffectiveTo == to && v.Value == set.Value))
        {
            return null;
        }

        var removed = new List<DepartmentRule>();
        var added = new List<DepartmentRule> { set };
        foreach (var version in versions.Where(v => v.Overlaps(from, to)))
        {
            var endsAfter = to is not null && (version.EffectiveTo is null || version.EffectiveTo > to);
            if (version.EffectiveFrom < from)
            {
                if (endsAfter)
                {
                    added.Add(Copy(version, to!.Value, version.EffectiveTo, set.CreatedAt));
                }

                version.EffectiveTo = from;
            }
            else if (endsAfter)
            {
                version.EffectiveFrom = to!.Value;
            }
            else
            {
                removed.Add(version);
            }
        }

        return new RuleTimelineChange(removed, added);
    }

    private static DepartmentRule Copy(DepartmentRule version, DateTimeOffset from, DateTimeOffset? to, DateTimeOffset now) => new()
    {
        DepartmentId = version.DepartmentId,
        Key = version.Key,
        Value = version.Value,
        EffectiveFrom = from,
        EffectiveTo = to,
        CreatedAt = now,
    };
}
