using HealthCore.Modules.Identity.Contracts;
using System.Text.Json;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

internal static class UpdatePractitioner
{
    public static async Task<Results<Ok<PractitionerResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem, ConflictProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, PractitionersDb db, MergePatch mergePatch, IUserDirectory users, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var practitioner = await db.Practitioners.Include(p => p.Memberships).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (practitioner is null)
        {
            return NotFoundProblem.For("Practitioner", id);
        }

        if (db.CheckIfMatch(http.Request, practitioner) is { } precondition)
        {
            return precondition;
        }

        var (input, problem) = mergePatch.Apply(practitioner.ToInput(), patch);
        if (problem is not null)
        {
            return problem;
        }

        if ((await PractitionerChecks.UnknownDepartmentsAsync(db, input!, cancellationToken)
            ?? (input!.UserId != practitioner.UserId ? await PractitionerChecks.UnknownUserAsync(users, input.UserId, cancellationToken) : null)) is { } unknown)
        {
            return unknown;
        }

        if (await PractitionerChecks.UserAlreadyLinkedAsync(db, input!.UserId, practitioner.Id, cancellationToken) is { } linked)
        {
            return linked;
        }

        var now = clock.GetUtcNow();
        practitioner.Apply(input);
        practitioner.SetMemberships(input.Departments ?? []);
        if (db.ChangeTracker.HasChanges())
        {
            // A change to memberships alone must still bump the practitioner's version (and so its ETag).
            practitioner.UpdatedAt = now;
            db.Publish(PractitionerChecks.Updated(practitioner), now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.IsUniqueViolation())
            {
                return PractitionerChecks.UserLinkTaken(input.UserId!.Value);
            }
        }

        http.SetETag(practitioner);
        return TypedResults.Ok(PractitionerResponse.From(practitioner, now));
    }
}
