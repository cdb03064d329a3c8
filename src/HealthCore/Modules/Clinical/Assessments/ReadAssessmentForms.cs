using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Clinical;

/// <param name="Current">The version a new assessment is validated against when it names none.</param>
internal sealed record AssessmentFormSummary(string Key, int Version, string Title, bool Current);

internal sealed record AssessmentFormList(IReadOnlyList<AssessmentFormSummary> Items);

/// <summary>An allowed answer of a choice item (FHIR answerOption); <c>score</c> is what it adds to the scores the item is part of.</summary>
internal sealed record AssessmentFormOption(string Code, string Display, int Score, bool Exclusive);

/// <summary>
/// One question (a FHIR Questionnaire item): its answer is given under <c>answers.{linkId}</c>. minValue and maxValue
/// bound numbers (in <c>unit</c>, UCUM), maxLength bounds text; a choice item takes one code of answerOptions, or an
/// array of them when it <c>repeats</c>. <c>requiredWhenTrue</c> names a boolean item whose true answer makes this one required.
/// </summary>
internal sealed record AssessmentFormItem(
    string LinkId,
    string Text,
    FormFieldType Type,
    bool Required,
    string? RequiredWhenTrue,
    bool Repeats,
    decimal? MinValue,
    decimal? MaxValue,
    int? MaxLength,
    string? Unit,
    IReadOnlyList<AssessmentFormOption>? AnswerOptions);

internal sealed record AssessmentFormBand(int From, int To, string Code, string Display);

/// <summary>A total the form computes from the items it names, once all of them are answered, with the bands it falls in.</summary>
internal sealed record AssessmentFormScore(string Key, string Title, IReadOnlyList<string> Items, IReadOnlyList<AssessmentFormBand> Bands);

/// <summary>A form at one version (a FHIR Questionnaire): what its answers must look like and what it scores.</summary>
internal sealed record AssessmentFormResponse(
    string Key, int Version, string Title, bool Current, IReadOnlyList<AssessmentFormItem> Items, IReadOnlyList<AssessmentFormScore> Scores)
{
    public static AssessmentFormResponse From(FormDefinition form, bool current) =>
        new(
            form.Key,
            form.Version,
            form.Title,
            current,
            [.. form.Fields.Select(f => new AssessmentFormItem(
                f.Key, f.Label, f.Type, f.Required, f.RequiredWhenTrue, f.Multiple, f.Min, f.Max, f.MaxLength, f.Unit,
                f.Choices?.Select(c => new AssessmentFormOption(c.Code, c.Label, c.Points, c.Exclusive)).ToList()))],
            [.. form.Scores.Select(s => new AssessmentFormScore(s.Key, s.Label, s.Fields, [.. s.Bands.Select(b => new AssessmentFormBand(b.From, b.To, b.Code, b.Label))]))]);
}

internal static class ReadAssessmentForms
{
    public static Ok<AssessmentFormList> List(FormCatalog forms) =>
        TypedResults.Ok(new AssessmentFormList([.. forms.All.OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Version)
            .Select(f => new AssessmentFormSummary(f.Key, f.Version, f.Title, ReferenceEquals(forms.Latest(f.Key), f)))]));

    public static Results<Ok<AssessmentFormResponse>, NotFoundProblem> Get(string key, int version, FormCatalog forms) =>
        forms.Find(key, version) is { } form
            ? TypedResults.Ok(AssessmentFormResponse.From(form, ReferenceEquals(forms.Latest(key), form)))
            : new NotFoundProblem("Assessment form not found.", $"No assessment form '{key}' at version {version}; list them at /api/v1/assessment-forms.");
}
