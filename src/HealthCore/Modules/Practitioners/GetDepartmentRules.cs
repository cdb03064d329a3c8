using System.Text.Json;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

internal sealed record DepartmentRulesResponse(Guid DepartmentId, DateTimeOffset At, IReadOnlyList<DepartmentRuleValue> Rules);

/// <summary>Every version of one rule key, oldest first; at most one is in effect at any instant.</summary>
internal sealed record RuleTimelineResponse(string Key, IReadOnlyList<RuleVersionResponse> Versions)
{
    public static RuleTimelineResponse From(string key, IEnumerable<DepartmentRule> versions) =>
        new(key, [.. versions.OrderBy(v => v.EffectiveFrom).Select(v => v.ToValue()).Select(v => new RuleVersionResponse(v.Value, v.EffectiveFrom, v.EffectiveTo))]);
}

internal sealed record RuleVersionResponse(JsonElement Value, DateTimeOffset EffectiveFrom, DateTimeOffset? EffectiveTo);

internal static class GetDepartmentRules
{
    public static async Task<Results<Ok<DepartmentRulesResponse>, NotFoundProblem>> InEffect(
        Guid id, DateTimeOffset? at, PractitionersDb db, IDepartmentRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Departments.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return NotFoundProblem.For("Department", id);
        }

        var instant = at ?? clock.GetUtcNow();
        return TypedResults.Ok(new DepartmentRulesResponse(id, instant, await rules.InEffectAsync(id, instant, cancellationToken)));
    }

    public static async Task<Results<Ok<RuleTimelineResponse>, ValidationProblem, NotFoundProblem>> Timeline(
        Guid id, string key, PractitionersDb db, CancellationToken cancellationToken)
    {
        if (!RuleKeys.IsValid(key))
        {
            return RuleKeys.Invalid();
        }

        if (!await db.Departments.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return NotFoundProblem.For("Department", id);
        }

        var versions = await db.DepartmentRules.AsNoTracking().Where(r => r.DepartmentId == id && r.Key == key).ToListAsync(cancellationToken);
        return versions.Count == 0
            ? new NotFoundProblem("Rule not found.", $"Department '{id}' has no rule '{key}'.")
            : TypedResults.Ok(RuleTimelineResponse.From(key, versions));
    }
}
