using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>The value as read back, how it was communicated, and to whom when not to the acknowledging user.</summary>
internal sealed record AcknowledgeCriticalRequest(
    [Required, StringLength(LabCriticalAlert.ReadBackLength)] string ReadBack,
    [Required, StringLength(LaboratoryDb.EnumLength)] string Method,
    [StringLength(LabCriticalAlert.CommunicatedToLength)] string? CommunicatedTo);

internal static class AcknowledgeCriticalResult
{
    public static async Task<Results<Ok<LabCriticalAlertResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, AcknowledgeCriticalRequest request, LaboratoryDb db, IPractitionerDirectory practitioners, ICurrentTenant tenant, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrorList();
        if (string.IsNullOrWhiteSpace(request.ReadBack))
        {
            errors.Add("readBack", "Give the value as the recipient read it back.");
        }

        if (!QueryEnum.TryParse<LabCriticalAckMethod>(request.Method, out var method))
        {
            errors.Add("method", $"Unknown value; use one of: {string.Join(", ", Enum.GetValues<LabCriticalAckMethod>().Select(QueryEnum.Name))}.");
        }

        if (errors.Count > 0)
        {
            return FieldErrors.Invalid(errors.ToDictionary());
        }

        var alert = await db.CriticalAlerts.SingleOrDefaultAsync(a => a.ResultId == id, cancellationToken);
        if (alert is null)
        {
            return new NotFoundProblem("Critical result not found.", $"No critical result with id '{id}' awaits acknowledgement here (or it belongs to another tenant).");
        }

        if (http.Request.Headers.IfMatch.Count > 0 && db.CheckIfMatch(http.Request, alert) is { } precondition)
        {
            return precondition;
        }

        if (alert.Status == LabCriticalStatus.Acknowledged)
        {
            return AlreadyAcknowledged(alert);
        }

        var practitioner = tenant.UserId is { } user ? await practitioners.PractitionerIdOfUserAsync(user, cancellationToken) : null;
        var now = clock.GetUtcNow();
        alert.Acknowledge(now, tenant.UserId, practitioner, method, request.ReadBack.Trim(), string.IsNullOrWhiteSpace(request.CommunicatedTo) ? null : request.CommunicatedTo.Trim());
        db.AuditAs(alert, "acknowledge");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.CriticalAlerts.AsNoTracking().SingleAsync(a => a.Id == alert.Id, cancellationToken);
            return current.Status == LabCriticalStatus.Acknowledged
                ? AlreadyAcknowledged(current)
                : new ConflictProblem("The alert was escalated at the same time.", "Acknowledge it again.", new Dictionary<string, object?> { ["rule"] = "concurrent-change" });
        }

        http.SetETag(alert);
        return TypedResults.Ok(LabCriticalAlertResponse.From(alert, now));
    }

    private static ConflictProblem AlreadyAcknowledged(LabCriticalAlert alert) =>
        new("The critical result is already acknowledged.",
            $"It was acknowledged at {alert.AcknowledgedAt:u}; a critical value is acknowledged once.",
            new Dictionary<string, object?>
            {
                ["rule"] = "critical-already-acknowledged", ["acknowledgedAt"] = alert.AcknowledgedAt, ["acknowledgedBy"] = alert.AcknowledgedBy,
            });
}
