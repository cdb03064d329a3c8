using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class RecordAssessment
{
    public static async Task<Results<Created<AssessmentResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, RecordAssessmentRequest request, AssessmentRecorder recorder, HttpContext http, CancellationToken cancellationToken)
    {
        var encounter = await recorder.Db.Encounters.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (encounter is null)
        {
            return NotFoundProblem.For("Encounter", id);
        }

        if (encounter.IsVoid)
        {
            return AssessmentProblems.EncounterVoid(encounter);
        }

        var key = request.FormKey.Trim();
        var form = request.FormVersion is { } version ? recorder.Forms.Find(key, version) : recorder.Forms.Latest(key);
        if (form is null)
        {
            return recorder.Forms.IsKnown(key)
                ? AssessmentProblems.UnknownVersion(key, request.FormVersion!.Value, recorder.Forms)
                : AssessmentProblems.UnknownForm(key, recorder.Forms);
        }

        return await recorder.RecordAsync(encounter, form, request.Answers, request.AuthoredAt, null, http, cancellationToken);
    }
}
