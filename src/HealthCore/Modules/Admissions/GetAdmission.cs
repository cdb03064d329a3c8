using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal static class GetAdmission
{
    public static async Task<Results<Ok<AdmissionResponse>, NotFoundProblem>> Handle(
        Guid id, AdmissionsDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var admission = await db.Admissions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (admission is null)
        {
            return NotFoundProblem.For("Admission", id);
        }

        http.SetETag(admission);
        return TypedResults.Ok(await AdmissionResponse.LoadAsync(db, admission, cancellationToken));
    }
}
