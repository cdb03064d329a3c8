using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class ReadAllergies
{
    public static async Task<Results<Ok<AllergyList>, NotFoundProblem>> List(Guid id, ClinicalDb db, IPatientDirectory patients, CancellationToken cancellationToken)
    {
        if (await patients.FindAsync(id, cancellationToken) is null)
        {
            return NotFoundProblem.For("Patient", id);
        }

        var allergies = await db.Allergies.AsNoTracking().Where(a => a.PatientId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AllergyList([.. allergies.OrderBy(a => a.RecordedAt).ThenBy(a => a.Id).Select(a => AllergyResponse.From(a))]));
    }

    public static async Task<Results<Ok<AllergyResponse>, NotFoundProblem>> Get(Guid id, ClinicalDb db, HttpContext http, CancellationToken cancellationToken)
    {
        if (await db.Allergies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } allergy)
        {
            return NotFoundProblem.For("Allergy", id);
        }

        http.SetETag(allergy);
        return TypedResults.Ok(AllergyResponse.From(allergy));
    }

    public static async Task<Results<Ok<HistoryList<AllergyResponse>>, NotFoundProblem>> History(Guid id, ClinicalDb db, CancellationToken cancellationToken) =>
        await db.Allergies.AnyAsync(a => a.Id == id, cancellationToken)
            ? TypedResults.Ok(await db.ReadAsync<AllergyResponse>(id, cancellationToken))
            : NotFoundProblem.For("Allergy", id);
}
