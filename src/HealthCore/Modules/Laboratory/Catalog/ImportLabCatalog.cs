using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal sealed record LabCatalogImportResponse(int Created, int Replaced);

/// <summary>
/// Loads a whole catalogue file into the tenant's catalogue: definitions with a new code are added, those with an
/// existing code replace it (and make it active). All or nothing: any error rejects the file, and every error of
/// every definition is listed, keyed by its place in the file (tests[3].ranges[0].low).
/// </summary>
internal static class ImportLabCatalog
{
    public const int MaxTests = 5000;

    public static async Task<Results<Ok<LabCatalogImportResponse>, ValidationProblem>> Handle(
        LabCatalogFile file, LaboratoryDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (file.Format != LabCatalogFile.CurrentFormat)
        {
            return FieldErrors.Invalid("format", $"The format is \"{LabCatalogFile.CurrentFormat}\".");
        }

        if (file.Tests is not { Length: > 0 and <= MaxTests } tests)
        {
            return FieldErrors.Invalid("tests", $"A catalogue file has 1 to {MaxTests} tests.");
        }

        var definitions = tests.Select((input, i) => (input, $"tests[{i}].")).ToList();
        var errors = await CatalogChanges.ValidateAsync(db, definitions, cancellationToken);
        for (var i = 0; i < tests.Length; i++)
        {
            if (tests[i].Code is { } code && Array.FindIndex(tests, t => t.Code == code) is var first && first < i)
            {
                errors.Add($"tests[{i}].code", $"The code is also at tests[{first}]: each code is defined once in a file.");
            }
        }

        if (errors.Count > 0)
        {
            return FieldErrors.Invalid(errors.ToDictionary());
        }

        var now = clock.GetUtcNow();
        var codes = tests.Select(t => t.Code!).ToList();
        var existing = await db.Tests.Where(t => codes.Contains(t.Code)).ToDictionaryAsync(t => t.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var input in tests)
        {
            if (!existing.TryGetValue(input.Code!, out var test))
            {
                test = new LabTest { Code = input.Code!, CreatedAt = now };
                db.Tests.Add(test);
            }

            LabTestRules.Apply(test, input, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new LabCatalogImportResponse(tests.Length - existing.Count, existing.Count));
    }
}
