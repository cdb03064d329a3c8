using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>Assessments in every status, in the order they were recorded (a chart shows what was struck out and what replaced it).</summary>
internal static class ReadAssessments
{
    public static async Task<Results<Ok<AssessmentResponse>, NotFoundProblem>> Get(Guid id, ClinicalDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return NotFoundProblem.For("Assessment", id);
        }

        http.SetETag(assessment);
        return TypedResults.Ok(AssessmentResponse.From(assessment));
    }

    public static async Task<Results<Ok<Page<AssessmentResponse>>, ValidationProblem, NotFoundProblem>> ForEncounter(
        Guid id, [AsParameters] PageRequest page, string? formKey, ClinicalDb db, FormCatalog forms, CursorCodec cursors, CancellationToken cancellationToken)
    {
        if (!await db.Encounters.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return NotFoundProblem.For("Encounter", id);
        }

        return await PageAsync(db.Assessments.AsNoTracking().Where(a => a.EncounterId == id), page, formKey, forms, cursors, cancellationToken);
    }

    public static async Task<Results<Ok<Page<AssessmentResponse>>, ValidationProblem, NotFoundProblem>> ForPatient(
        Guid id, [AsParameters] PageRequest page, string? formKey, ClinicalDb db, FormCatalog forms, IPatientDirectory patients, CursorCodec cursors,
        CancellationToken cancellationToken)
    {
        if (await patients.FindAsync(id, cancellationToken) is null)
        {
            return NotFoundProblem.For("Patient", id);
        }

        return await PageAsync(db.Assessments.AsNoTracking().Where(a => a.PatientId == id), page, formKey, forms, cursors, cancellationToken);
    }

    private static async Task<Results<Ok<Page<AssessmentResponse>>, ValidationProblem, NotFoundProblem>> PageAsync(
        IQueryable<Assessment> query, PageRequest page, string? formKey, FormCatalog forms, CursorCodec cursors, CancellationToken cancellationToken)
    {
        if (formKey is not null)
        {
            if (!forms.IsKnown(formKey))
            {
                return AssessmentProblems.UnknownForm(formKey, forms);
            }

            query = query.Where(a => a.FormKey == formKey);
        }

        var paged = await KeysetPaging.ByGuidAsync(query, a => a.Id, page, cursors, AssessmentResponse.From, cancellationToken);
        return paged.Result is Ok<Page<AssessmentResponse>> ok ? ok : (ValidationProblem)paged.Result;
    }
}
