using System.Text.Json;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// The catalogue every tenant starts with (Data/starter-catalog.json, embedded): common panels and tests with their
/// LOINC codes and adult and paediatric ranges; the sources are named in the file and in docs/laboratory.md. Raise
/// <see cref="Version"/> when adding tests, so that tenants that loaded an earlier version receive the new codes
/// (and only those: a tenant's own edits are never overwritten).
/// </summary>
internal static class StarterCatalog
{
    public const int Version = 1;
    public const string ResourceName = "HealthCore.Laboratory.starter-catalog.json";

    public static JsonSerializerOptions FileOptions { get; } = CreateOptions();

    public static LabCatalogFile Shipped { get; } = LoadShipped();

    public static LabCatalogFile Read(Stream json) =>
        JsonSerializer.Deserialize<LabCatalogFile>(json, FileOptions) ?? throw new JsonException("The catalogue file is empty.");

    private static LabCatalogFile LoadShipped()
    {
        using var stream = typeof(StarterCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return Read(stream);
    }

    // The import endpoint binds with the API's JSON options; the shipped file is read with the same, so it is in the import format.
    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonConventions.Apply(options);
        return options;
    }
}
