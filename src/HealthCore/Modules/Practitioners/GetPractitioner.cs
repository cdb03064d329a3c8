using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

internal static class GetPractitioner
{
    public static async Task<Results<Ok<PractitionerResponse>, NotFoundProblem>> Handle(
        Guid id, PractitionersDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var practitioner = await db.Practitioners.AsNoTracking().Include(p => p.Memberships)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (practitioner is null)
        {
            return NotFoundProblem.For("Practitioner", id);
        }

        http.SetETag(practitioner);
        return TypedResults.Ok(PractitionerResponse.From(practitioner, clock.GetUtcNow()));
    }
}
