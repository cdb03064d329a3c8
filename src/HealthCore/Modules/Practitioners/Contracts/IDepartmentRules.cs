using System.Text.Json;

namespace HealthCore.Modules.Practitioners.Contracts;

/// <summary>
/// Reads a department's rules of the current tenant (e.g. <c>preparation.mri</c> for scheduling) as they stand at an
/// instant. A rule is a key with a JSON value and an effective period; at most one version of a key is in effect at
/// any instant.
/// </summary>
internal interface IDepartmentRules
{
    /// <summary>The version of <paramref name="key"/> in effect at <paramref name="at"/>, or null (no such rule then, or no such department).</summary>
    Task<DepartmentRuleValue?> FindAsync(Guid departmentId, string key, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every rule of the department in effect at <paramref name="at"/>, ordered by key.</summary>
    Task<IReadOnlyList<DepartmentRuleValue>> InEffectAsync(Guid departmentId, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>One version of a rule: in effect from <c>EffectiveFrom</c> (inclusive) until <c>EffectiveTo</c> (exclusive; null = open-ended).</summary>
internal sealed record DepartmentRuleValue(string Key, JsonElement Value, DateTimeOffset EffectiveFrom, DateTimeOffset? EffectiveTo);
