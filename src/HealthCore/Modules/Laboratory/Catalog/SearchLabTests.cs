using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using HealthCore.Platform.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal static class SearchLabTests
{
    public const int MaxQueryLength = 200;

    public static async Task<Results<Ok<Page<LabTestSummaryResponse>>, ValidationProblem>> Handle(
        string? q, string? kind, bool? includeInactive, [AsParameters] PageRequest page, LaboratoryDb db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        if (q is { Length: > MaxQueryLength })
        {
            return FieldErrors.Invalid("q", $"Search for at most {MaxQueryLength} characters of a code, name or synonym.");
        }

        if (QueryEnum.TryParse<LabTestKind>(kind, "kind", out var wantedKind) is { } invalidKind)
        {
            return invalidKind;
        }

        var query = db.Tests.AsNoTracking();
        if (includeInactive != true)
        {
            query = query.Where(t => t.Active);
        }

        if (wantedKind is not null)
        {
            query = query.Where(t => t.Kind == wantedKind);
        }

        if (SearchText.Fold(q) is { Length: > 0 } key)
        {
            query = query.Where(t => t.SearchKey.Contains(key));
        }

        return await KeysetPaging.ByStringAsync(query, t => t.Code, page, cursors, LabTestSummaryResponse.From, cancellationToken);
    }
}
