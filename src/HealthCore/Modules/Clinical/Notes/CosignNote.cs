using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Notes;

/// <summary>Someone other than its author (e.g. the consultant for a resident) countersigns the signed current version.</summary>
internal static class CosignNote
{
    public static async Task<Results<Ok<NoteResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, ClinicalDb db, ICurrentTenant tenant, IPractitionerDirectory practitioners, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (note, missing, stale) = await NoteRules.LoadAsync(db, id, http, ifMatchRequired: false, cancellationToken);
        if (note is null)
        {
            return missing is null ? stale! : missing;
        }

        var version = note.Current;
        if (!version.IsSigned)
        {
            return NoteProblems.NotSigned(note);
        }

        var cosigner = await NoteRules.CurrentAuthorAsync(tenant, practitioners, cancellationToken);
        if (version.AuthorId == cosigner.UserId || (cosigner.PractitionerId is { } practitioner && practitioner == version.AuthorPractitionerId))
        {
            return NoteProblems.OwnVersion;
        }

        if (version.Cosignatures.Any(c => c.CosignerId == cosigner.UserId))
        {
            return NoteProblems.AlreadyCosigned(note);
        }

        var now = clock.GetUtcNow();
        var cosignature = new NoteCosignature
        {
            NoteVersionId = version.Id, CosignerId = cosigner.UserId, CosignerPractitionerId = cosigner.PractitionerId, CosignedAt = now,
        };
        version.Cosignatures.Add(cosignature);
        db.Add(cosignature);
        note.UpdatedAt = now;
        db.AuditAs(note, "cosign");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return NoteProblems.ChangedConcurrently();
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return NoteProblems.AlreadyCosigned(note);
        }

        http.SetETag(note);
        return TypedResults.Ok(NoteResponse.From(note));
    }
}
