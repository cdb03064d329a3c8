using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthCore.Platform.Database;

/// <summary>
/// Stores a small value (a list of names, codes, licences) as JSON text in one column, the same on both providers.
/// For values that are read and written with their row; anything queried on its own needs a column or table of its own.
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class =>
        property.HasConversion(
            value => Serialize(value),
            text => Deserialize<T>(text),
            new ValueComparer<T>(
                (left, right) => Serialize(left) == Serialize(right),
                value => Serialize(value).GetHashCode(StringComparison.Ordinal),
                value => Deserialize<T>(Serialize(value))));

    private static string Serialize<T>(T? value) => JsonSerializer.Serialize(value, Options);

    private static T Deserialize<T>(string text) =>
        JsonSerializer.Deserialize<T>(text, Options) ?? throw new JsonException($"A {typeof(T).Name} column held null.");
}
