using System.Text.Json.Nodes;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Laboratory;

internal sealed record CorrectLabReportRequest(string? Reason, LabResultInput[]? Results, string? Comment = null);

/// <summary>
/// Replaces a released report by a corrected version: the released one stays readable as it was (no longer
/// current), the new one is interpreted afresh, released at once and announced to the ordering team.
/// </summary>
internal static class CorrectLabReport
{
    public const string Template = "lab.result.corrected";

    public static async Task<Results<Created<LabReportResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, UnprocessableProblem, PreconditionProblem>> Handle(
        Guid id, CorrectLabReportRequest request, LaboratoryDb db, LabRequestIntake intake, LabResultReader reader, LabNotifier notifier, ICurrentTenant tenant,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > LabReport.CommentLength)
        {
            return FieldErrors.Invalid("reason", $"Give the reason for the correction (at most {LabReport.CommentLength} characters): it is reported with the corrected results.");
        }

        if (request.Comment is { Length: > LabReport.CommentLength })
        {
            return FieldErrors.Invalid("comment", $"At most {LabReport.CommentLength} characters.");
        }

        if (await VerifyLabReport.CurrentAsync(db, id, cancellationToken) is not { } released || await intake.FindAsync(released.RequestId, cancellationToken) is not { } labRequest)
        {
            return NotFoundProblem.For("Laboratory report", id);
        }

        if (LabReportTags.CheckIfMatch(http.Request, released) is { } precondition)
        {
            return precondition;
        }

        if (!released.IsReleased)
        {
            return LabReportProblems.NotReleased(released);
        }

        var item = labRequest.Items.Single(i => i.Id == released.ReportId);
        var reading = await reader.ReadAsync(labRequest, item, request.Results, cancellationToken);
        if (reading.Invalid is { } invalid)
        {
            return invalid;
        }

        if (reading.Refused is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var reason = request.Reason.Trim();
        released.IsCurrent = false;
        var corrected = LabReport.Of(labRequest, item, released.Version + 1, LabReportStatus.Corrected);
        corrected.EnteredBy = tenant.UserId;
        corrected.EnteredAt = now;
        corrected.Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        corrected.CorrectionReason = reason;
        corrected.PreviousVersionId = released.Id;
        corrected.Results.AddRange(reading.Results);
        db.Reports.Add(corrected);
        LabRelease.Release(db, labRequest, item, corrected, tenant.UserId, now);
        db.AuditAs(corrected, "correct");
        db.AuditReason(reason);
        if (await LabReportProblems.SaveAsync(db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var payload = new JsonObject
        {
            ["report"] = new JsonObject
            {
                ["id"] = corrected.ReportId.ToString(), ["code"] = corrected.Code, ["display"] = corrected.Display ?? corrected.Code,
                ["version"] = corrected.Version, ["reason"] = reason,
            },
        };
        await notifier.TellOrderingTeamAsync(labRequest, Template, payload, $"{Template}:{corrected.Id}", cancellationToken);
        http.SetETag(corrected);
        return TypedResults.Created($"{LabReportResponse.Path}/{corrected.ReportId}", LabReportResponse.From(corrected));
    }
}
