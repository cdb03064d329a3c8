using System.Text.Json.Nodes;
using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Notifications.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Practitioners.Contracts;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// Tells the ordering team about a request (a rejected specimen, a corrected or critical result): an in-app
/// notification to the ordering practitioner's user or, when they have no active account, to the physicians and
/// nurses of the encounter's department, so that the message always reaches someone who can act. Each recipient
/// gets a message once per <c>dedupKey</c>; the payload carries <c>patient.name</c> and <c>order.id</c> besides the
/// caller's fields.
/// </summary>
internal sealed partial class LabNotifier(
    IPractitionerDirectory practitioners, IEncounterDirectory encounters, IPatientDirectory patients, INotificationSender notifications, ILogger<LabNotifier> logger)
{
    /// <summary>The users told, none when nobody could be found (logged as a warning: retrying would not find anyone).</summary>
    public async Task<IReadOnlyList<Guid>> TellOrderingTeamAsync(LabRequest request, string templateKey, JsonObject payload, string dedupKey, CancellationToken cancellationToken)
    {
        var users = await OrderingTeamAsync(request, cancellationToken);
        if (users.Count == 0)
        {
            LogNobodyToTell(templateKey, request.Id);
            return users;
        }

        await TellAsync(users, request, templateKey, payload, dedupKey, cancellationToken);
        return users;
    }

    /// <summary>Sends to the given users (e.g. an on-call role's members).</summary>
    public async Task TellAsync(IReadOnlyList<Guid> users, LabRequest request, string templateKey, JsonObject payload, string dedupKey, CancellationToken cancellationToken)
    {
        var patient = await patients.FindAsync(request.PatientId, cancellationToken);
        foreach (var userId in users.Distinct())
        {
            var message = (JsonObject)payload.DeepClone();
            message["patient"] = new JsonObject { ["name"] = patient?.DisplayName ?? request.PatientId.ToString() };
            message["order"] = new JsonObject { ["id"] = request.Id.ToString() };
            try
            {
                await notifications.EnqueueAsync(
                    new NotificationRequest(new NotificationRecipient(RecipientKind.User, userId.ToString()), NotificationChannel.InApp, templateKey, message, $"{dedupKey}:{userId}"),
                    cancellationToken);
            }
            catch (NotificationRejectedException rejected)
            {
                // A tenant's own template that cannot be rendered: retrying would fail the same way.
                LogRejected(templateKey, request.Id, userId, rejected.Message);
            }
        }
    }

    /// <summary>The ordering practitioner's active user, else the clinical users of the encounter's department.</summary>
    public async Task<IReadOnlyList<Guid>> OrderingTeamAsync(LabRequest request, CancellationToken cancellationToken)
    {
        if (await practitioners.FindPractitionerAsync(request.RequesterId, cancellationToken) is { Active: true, UserId: { } userId })
        {
            return [userId];
        }

        return await encounters.FindEncounterAsync(request.EncounterId, cancellationToken) is { } encounter
            ? await practitioners.ClinicalUsersOfDepartmentAsync(encounter.DepartmentId, cancellationToken)
            : [];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Laboratory notification {TemplateKey} for order {OrderId} not sent to user {UserId}: notifications refused it ({Reason})")]
    private partial void LogRejected(string templateKey, Guid orderId, Guid userId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Laboratory notification {TemplateKey} for order {OrderId} reached nobody: the ordering practitioner has no user account and nobody in the encounter's department has one")]
    private partial void LogNobodyToTell(string templateKey, Guid orderId);
}
