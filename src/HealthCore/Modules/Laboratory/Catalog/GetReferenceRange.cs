using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>The range that applies, or null in <see cref="Range"/> when none does (the result is then reported without interpretation).</summary>
internal sealed record ReferenceRangeResponse(string TestCode, string? Unit, DateTimeOffset At, ReferenceRange? Range);

internal static class GetReferenceRange
{
    public static async Task<Results<Ok<ReferenceRangeResponse>, ValidationProblem, NotFoundProblem>> Handle(
        string code, string? sex, DateOnly? birthDate, DateTimeOffset? at, bool? pregnant, LaboratoryDb db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrorList();
        if (!QueryEnum.TryParse<LabPatientSex>(sex, out var patientSex))
        {
            errors.Add("sex", $"Give the patient's sex: one of {string.Join(", ", Enum.GetValues<LabPatientSex>().Select(QueryEnum.Name))}.");
        }

        var when = at ?? clock.GetUtcNow();
        if (birthDate is not { } born || !PlausibleDates.Contains(born))
        {
            errors.Add("birthDate", $"Give the patient's birth date (yyyy-MM-dd), between {PlausibleDates.Earliest} and {PlausibleDates.Latest}.");
        }
        else if (!PlausibleDates.Contains(when))
        {
            errors.Add("at", $"The collection instant must be between {PlausibleDates.Earliest} and {PlausibleDates.Latest}.");
        }
        else if (DateOnly.FromDateTime(when.UtcDateTime) < born)
        {
            errors.Add("at", "The specimen cannot be collected before the patient's birth date.");
        }

        if (errors.Count > 0)
        {
            return FieldErrors.Invalid(errors.ToDictionary());
        }

        var test = await db.Tests.AsNoTracking().SingleOrDefaultAsync(t => t.Code == code, cancellationToken);
        if (test is null)
        {
            return LabTestProblems.NotFound(code);
        }

        var range = ReferenceRanges.Select(test.Ranges, new LabPatient(patientSex, birthDate!.Value, pregnant ?? false), when);
        return TypedResults.Ok(new ReferenceRangeResponse(test.Code, test.Unit, when, range));
    }
}
