using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

/// <summary>A rule's value (any JSON but null) for a period; effectiveFrom defaults to now, no effectiveTo means open-ended.</summary>
internal sealed record DepartmentRuleInput(JsonElement? Value, DateTimeOffset? EffectiveFrom = null, DateTimeOffset? EffectiveTo = null)
    : IValidatableObject
{
    public const int MaxValueLength = 16 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Value is not { ValueKind: not JsonValueKind.Null })
        {
            yield return new ValidationResult("value is required (any JSON value but null).", [nameof(Value)]);
        }
        else if (Compact(Value.Value).Length > MaxValueLength)
        {
            yield return new ValidationResult($"value must be at most {MaxValueLength} characters of compact JSON.", [nameof(Value)]);
        }

        if (EffectiveFrom is { } from && EffectiveTo is { } to && to <= from)
        {
            yield return new ValidationResult("effectiveTo must be after effectiveFrom.", [nameof(EffectiveTo)]);
        }
    }

    public static string Compact(JsonElement value) => JsonSerializer.Serialize(value);
}

internal static partial class RuleKeys
{
    public static bool IsValid(string key) => key.Length <= 100 && Pattern().IsMatch(key);

    public static ValidationProblem Invalid() =>
        FieldErrors.Invalid("key", "Use 1-100 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. preparation.mri.");

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex Pattern();
}

internal static class PutDepartmentRule
{
    public static async Task<Results<Ok<RuleTimelineResponse>, ValidationProblem, NotFoundProblem>> Handle(
        Guid id, string key, DepartmentRuleInput request, PractitionersDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!RuleKeys.IsValid(key))
        {
            return RuleKeys.Invalid();
        }

        var now = clock.GetUtcNow();
        var from = request.EffectiveFrom ?? now;
        if (request.EffectiveTo <= from)
        {
            return FieldErrors.Invalid("effectiveTo", "effectiveTo must be after effectiveFrom (which defaults to now).");
        }

        // Versions of a key must never overlap: writers of one department's rules take turns. SQLite's write
        // transaction (BEGIN IMMEDIATE) already serialises them; PostgreSQL locks the department row.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Departments.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return NotFoundProblem.For("Department", id);
        }

        if (!db.IsSqlite)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT 1 FROM \"{PractitionersDb.SchemaName}\".\"departments\" WHERE id = {{0}} FOR UPDATE", [id], cancellationToken);
        }

        var versions = await db.DepartmentRules.Where(r => r.DepartmentId == id && r.Key == key).ToListAsync(cancellationToken);
        var set = new DepartmentRule
        {
            DepartmentId = id,
            Key = key,
            Value = DepartmentRuleInput.Compact(request.Value!.Value),
            EffectiveFrom = from,
            EffectiveTo = request.EffectiveTo,
            CreatedAt = now,
        };
        if (RuleTimelineChange.Set(versions, set) is { } change)
        {
            // Cut back and remove first, so that the new versions' starts are free for the unique index.
            db.DepartmentRules.RemoveRange(change.Removed);
            await db.SaveChangesAsync(cancellationToken);
            db.DepartmentRules.AddRange(change.Added);
            await db.SaveChangesAsync(cancellationToken);
            versions = [.. versions.Except(change.Removed), .. change.Added];
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RuleTimelineResponse.From(key, versions));
    }
}
