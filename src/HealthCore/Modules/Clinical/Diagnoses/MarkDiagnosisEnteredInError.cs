using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class MarkDiagnosisEnteredInError
{
    public static async Task<Results<Ok<DiagnosisResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, EncounterReasonRequest request, ClinicalDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var diagnosis = await db.Diagnoses.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (diagnosis is null)
        {
            return NotFoundProblem.For("Diagnosis", id);
        }

        if (http.Request.Headers.IfMatch.Count > 0 && db.CheckIfMatch(http.Request, diagnosis) is { } precondition)
        {
            return precondition;
        }

        if (diagnosis.IsEnteredInError)
        {
            return DiagnosisProblems.EnteredInError();
        }

        diagnosis.VerificationStatus = ConditionVerificationStatus.EnteredInError;
        diagnosis.EnteredInErrorReason = request.Reason.Trim();
        diagnosis.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);

        http.SetETag(diagnosis);
        return TypedResults.Ok(DiagnosisResponse.From(diagnosis));
    }
}
