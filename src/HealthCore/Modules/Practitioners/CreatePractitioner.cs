using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

internal static class CreatePractitioner
{
    public static async Task<Results<Created<PractitionerResponse>, ValidationProblem, ConflictProblem>> Handle(
        PractitionerInput request, PractitionersDb db, IUserDirectory users, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if ((await PractitionerChecks.UnknownDepartmentsAsync(db, request, cancellationToken)
            ?? await PractitionerChecks.UnknownUserAsync(users, request.UserId, cancellationToken)) is { } unknown)
        {
            return unknown;
        }

        var now = clock.GetUtcNow();
        var practitioner = new Practitioner { CreatedAt = now, UpdatedAt = now };
        if (await PractitionerChecks.UserAlreadyLinkedAsync(db, request.UserId, practitioner.Id, cancellationToken) is { } linked)
        {
            return linked;
        }

        practitioner.Apply(request);
        practitioner.SetMemberships(request.Departments ?? []);
        db.Practitioners.Add(practitioner);
        db.Publish(PractitionerChecks.Created(practitioner), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return PractitionerChecks.UserLinkTaken(request.UserId!.Value);
        }

        http.SetETag(practitioner);
        return TypedResults.Created($"/api/v1/practitioners/{practitioner.Id}", PractitionerResponse.From(practitioner, now));
    }
}
