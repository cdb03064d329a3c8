using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Clinical;

internal sealed record Icd10ChapterResponse(int Number, string Range, string Title);

internal sealed record Icd10BlockResponse(string Range, string Title);

internal sealed record Icd10CodeResponse(string Code, string Display, Icd10BlockResponse Block, Icd10ChapterResponse Chapter)
{
    public static Icd10CodeResponse From(Icd10Code code) =>
        new(code.Code, code.Display, new Icd10BlockResponse($"{code.Block.First}-{code.Block.Last}", code.Block.Title),
            new Icd10ChapterResponse(code.Chapter.Number, code.Chapter.Range, code.Chapter.Title));
}

internal sealed record Icd10SearchResponse(IReadOnlyList<Icd10CodeResponse> Items);

internal static class SearchIcd10
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    public const int MaxQueryLength = 200;

    public static Results<Ok<Icd10SearchResponse>, ValidationProblem> Handle(
        string q, Icd10Catalog catalog, int? limit = null)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQueryLength)
        {
            return FieldErrors.Invalid("q", $"Give a code or words of a description to search for, at most {MaxQueryLength} characters.");
        }

        if (limit < 1)
        {
            return FieldErrors.Invalid("limit", "The limit must be at least 1.");
        }

        // Autocomplete asks for "everything"; the cap keeps a response small rather than refusing it.
        var capped = Math.Min(limit ?? DefaultLimit, MaxLimit);
        return TypedResults.Ok(new Icd10SearchResponse([.. catalog.Search(q, capped).Select(Icd10CodeResponse.From)]));
    }
}
