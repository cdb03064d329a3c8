using System.Text.Json;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>Documents the merge patch body: send only what changes; null resets a setting or feature to its default.</summary>
internal sealed class ConfigPatchDocument
{
    public int? DefaultSlotMinutes { get; init; }

    public int? BookingHorizonDays { get; init; }

    public int? LowStockThreshold { get; init; }

    public string? MrnFormat { get; init; }

    public string? TimeZone { get; init; }

    public string? Currency { get; init; }

    public Dictionary<string, bool?>? Features { get; init; }
}

internal static class PatchConfig
{
    /// <summary>The body is read as raw JSON (to tell null from absent); the document describes what it may hold.</summary>
    public const string BodyDescription =
        "JSON merge patch (RFC 7396). Unknown names and invalid values answer 400 naming them, e.g. errors[\"features.foo\"].";

    public static async Task<Results<Ok<ConfigResponse>, ValidationProblem, PreconditionProblem>> Handle(
        [FromBody] JsonElement patch, IdentityDb db, TenantSettingsCache cache, ICurrentTenant currentTenant, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var row = await db.TenantConfigurations.SingleOrDefaultAsync(cancellationToken);
        var isNew = row is null;
        if (row is null)
        {
            row = new TenantConfiguration();
            db.TenantConfigurations.Add(row);
        }

        if (db.CheckIfMatch(http.Request, row) is { } precondition)
        {
            return precondition;
        }

        if (TenantSettingsPatch.Apply(patch, row) is { Count: > 0 } errors)
        {
            return FieldErrors.Invalid(errors);
        }

        db.ChangeTracker.DetectChanges();
        if (isNew || db.Entry(row).State == EntityState.Modified)
        {
            row.UpdatedAt = clock.GetUtcNow();
            row.Version = isNew ? 1 : row.Version;
            if (!await db.SaveUnlessDuplicateAsync(cancellationToken))
            {
                return new PreconditionProblem(
                    StatusCodes.Status412PreconditionFailed, "The resource was changed by someone else.", "Read the configuration again and retry with its current ETag.");
            }

            cache.Invalidate(currentTenant.TenantId!.Value);
        }

        http.SetETag(row);
        return TypedResults.Ok(ConfigResponse.From(row));
    }
}

/// <summary>Applies a merge patch to the stored settings, validating every member; the errors are keyed by JSON path.</summary>
internal static class TenantSettingsPatch
{
    private const string Features = "features";

    private static readonly string[] Known =
        ["defaultSlotMinutes", "bookingHorizonDays", "lowStockThreshold", "mrnFormat", "timeZone", "currency", Features];

    public static Dictionary<string, string[]> Apply(JsonElement patch, TenantConfiguration row)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (patch.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["The body must be a JSON object: a merge patch of the settings (RFC 7396)."];
            return errors;
        }

        foreach (var member in patch.EnumerateObject())
        {
            var value = member.Value;
            var error = member.Name switch
            {
                "defaultSlotMinutes" => Number(value, TenantSettingsRules.CheckSlotMinutes, v => row.DefaultSlotMinutes = v),
                "bookingHorizonDays" => Number(value, TenantSettingsRules.CheckBookingHorizonDays, v => row.BookingHorizonDays = v),
                "lowStockThreshold" => Number(value, TenantSettingsRules.CheckLowStockThreshold, v => row.LowStockThreshold = v),
                "mrnFormat" => Text(value, TenantSettingsRules.CheckMrnFormat, v => row.MrnFormat = v),
                "timeZone" => Text(value, TenantSettingsRules.CheckTimeZone, v => row.TimeZone = v),
                "currency" => Text(value, TenantSettingsRules.CheckCurrency, v => row.Currency = v),
                Features => Toggles(value, row, errors),
                _ => $"Unknown setting. The settings are {string.Join(", ", Known)}.",
            };
            if (error is not null)
            {
                errors[member.Name] = [error];
            }
        }

        return errors;
    }

    private static string? Number(JsonElement value, Func<int, string?> rule, Action<int?> set)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            set(null);
            return null;
        }

        // A JSON number only, as everywhere else in the API (numbers are never read from strings).
        var number = 0;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out number))
        {
            return "Must be a whole number, or null for the default.";
        }

        return Set(rule(number), () => set(number));
    }

    private static string? Text(JsonElement value, Func<string, string?> rule, Action<string?> set)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            set(null);
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return "Must be a string, or null for the default.";
        }

        var text = value.GetString()!;
        return Set(rule(text), () => set(text));
    }

    private static string? Set(string? broken, Action set)
    {
        if (broken is null)
        {
            set();
        }

        return broken;
    }

    // Feature errors are keyed per feature ("features.foo"); the return value is for the features member itself.
    private static string? Toggles(JsonElement value, TenantConfiguration row, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            row.Features = new(StringComparer.Ordinal);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return "Must be an object of feature toggles (true, false, or null for the default), or null to reset them all.";
        }

        var features = new Dictionary<string, bool>(row.Features, StringComparer.Ordinal);
        foreach (var feature in value.EnumerateObject())
        {
            var path = $"{Features}.{feature.Name}";
            if (!TenantSettingsRules.FeatureDefaults.ContainsKey(feature.Name))
            {
                errors[path] = [$"Unknown feature. The features are {string.Join(", ", TenantSettingsRules.FeatureDefaults.Keys.Order(StringComparer.Ordinal))}."];
            }
            else if (feature.Value.ValueKind == JsonValueKind.Null)
            {
                features.Remove(feature.Name);
            }
            else if (feature.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                features[feature.Name] = feature.Value.GetBoolean();
            }
            else
            {
                errors[path] = ["Must be true, false, or null for the default."];
            }
        }

        row.Features = features;
        return null;
    }
}
