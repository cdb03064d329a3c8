using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Platform.Http;

/// <summary>400 answers for checks a handler makes itself (beyond DataAnnotations), keyed by JSON path like the rest.</summary>
internal static class FieldErrors
{
    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.", detail: "See errors for each field and the rule it breaks.");
}
