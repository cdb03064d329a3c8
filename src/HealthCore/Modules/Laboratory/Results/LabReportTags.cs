using HealthCore.Platform.Http;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// A report version's ETag: its version, status and when its values were last entered (to the microsecond both
/// databases keep), so that a verifier's If-Match fails when the values were re-entered after they read them.
/// </summary>
internal static class LabReportTags
{
    public static string Of(LabReport report) => $"\"{report.Version}.{QueryEnum.Name(report.Status)}.{report.EnteredAt.UtcTicks / 10}\"";

    public static void SetETag(this HttpContext http, LabReport report) => http.Response.Headers.ETag = Of(report);

    /// <summary>Null when If-Match is absent, "*" or names the report's current ETag; else 412.</summary>
    public static PreconditionProblem? CheckIfMatch(HttpRequest request, LabReport report)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        var current = Of(report);
        return string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*"
            || ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(current)
            ? null
            : new PreconditionProblem(
                StatusCodes.Status412PreconditionFailed, "The report was changed by someone else.", $"If-Match {ifMatch} does not match the current ETag {current}.");
    }
}
