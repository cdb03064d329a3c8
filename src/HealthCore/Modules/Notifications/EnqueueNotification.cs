using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using HealthCore.Modules.Notifications.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Notifications;

internal sealed record RecipientRequest(
    [Required] RecipientKind? Kind,
    [Required, StringLength(Notification.MaxAddressLength, MinimumLength = 1)] string? Address);

/// <param name="Payload">Placeholder values: <c>{{patient.name}}</c> reads <c>payload.patient.name</c>.</param>
/// <param name="DedupKey">At most one notification per tenant and key: enqueuing again answers 200 with the first one.</param>
internal sealed record EnqueueNotificationRequest(
    [Required] RecipientRequest? Recipient,
    [Required] NotificationChannel? Channel,
    [Required, StringLength(NotificationTemplate.MaxKeyLength, MinimumLength = 1), RegularExpression(NotificationTemplate.KeyPattern)]
    string? TemplateKey,
    [Required] JsonObject? Payload,
    [StringLength(Notification.MaxDedupKeyLength, MinimumLength = 1)] string? DedupKey = null);

internal static class EnqueueNotification
{
    public static async Task<Results<Created<NotificationResponse>, Ok<NotificationResponse>, ValidationProblem, UnprocessableProblem>> Handle(
        EnqueueNotificationRequest request, NotificationEnqueuer enqueuer, CancellationToken cancellationToken)
    {
        var outcome = await enqueuer.SubmitAsync(
            new NotificationRequest(
                new NotificationRecipient(request.Recipient!.Kind!.Value, request.Recipient.Address!),
                request.Channel!.Value,
                request.TemplateKey!,
                request.Payload!,
                request.DedupKey),
            cancellationToken);
        return outcome switch
        {
            EnqueueOutcome.Accepted { Existing: true } existing => TypedResults.Ok(NotificationResponse.From(existing.Notification)),
            EnqueueOutcome.Accepted created => TypedResults.Created(
                $"/api/v1/notifications/{created.Notification.Id}", NotificationResponse.From(created.Notification)),
            EnqueueOutcome.Invalid invalid => FieldErrors.Invalid(invalid.Errors),
            EnqueueOutcome.Unprocessable rejected => new UnprocessableProblem(
                rejected.Title, "See errors for each field.", new Dictionary<string, object?> { ["errors"] = rejected.Errors }),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }
}
