using System.IO.Compression;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// Chooses the ICD-10 catalogue at startup: the shipped list of common codes, or, when Terminology:Icd10File names a
/// file, that list instead (a hospital's full licensed list, in the format of docs/terminology.md; .gz files are
/// decompressed). A configured file that is missing or malformed stops the start-up rather than silently falling
/// back to the shorter list.
/// </summary>
internal static class Icd10CatalogFactory
{
    public const string FileSetting = "Terminology:Icd10File";

    public static Icd10Catalog Create(IConfiguration configuration)
    {
        var path = configuration[FileSetting];
        if (string.IsNullOrWhiteSpace(path))
        {
            return Icd10Catalog.Shipped;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{FileSetting} names {Path.GetFullPath(path)}, which does not exist.", path);
        }

        using var file = File.OpenRead(path);
        using var content = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(content);
        return Icd10Catalog.Load(reader);
    }
}
