using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>A specimen by id, or by its accession number (the barcode scan); either read is a read of the patient's record.</summary>
internal static class GetSpecimen
{
    public static async Task<Results<Ok<SpecimenResponse>, NotFoundProblem>> Handle(Guid id, LaboratoryDb db, HttpContext http, CancellationToken cancellationToken) =>
        await SpecimenSteps.LoadAsync(db, id, track: false, cancellationToken) is { } loaded ? await OkAsync(loaded, http) : SpecimenProblems.NotFound(id);

    public static async Task<Results<Ok<SpecimenResponse>, NotFoundProblem, ValidationProblem>> ByAccession(
        string? accession, LaboratoryDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var scanned = accession?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(scanned) || scanned.Length > Specimen.AccessionLength)
        {
            return FieldErrors.Invalid("accession", $"Give the accession number (1 to {Specimen.AccessionLength} characters), e.g. L261204-00017.");
        }

        var id = await db.Specimens.Where(s => s.Accession == scanned).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(cancellationToken);
        return id is { } found && await SpecimenSteps.LoadAsync(db, found, track: false, cancellationToken) is { } loaded
            ? await OkAsync(loaded, http)
            : new NotFoundProblem("Specimen not found.", $"No specimen has the accession number '{scanned}' (or it belongs to another tenant or facility).");
    }

    private static async Task<Ok<SpecimenResponse>> OkAsync(LoadedSpecimen loaded, HttpContext http)
    {
        await AuditReadConvention.RecordReadAsync(http, "Patient", loaded.Specimen.PatientId.ToString());
        http.SetETag(loaded.Specimen);
        return TypedResults.Ok(SpecimenResponse.From(loaded.Specimen));
    }
}
