using System.Globalization;
using System.Text.Json.Nodes;
using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Notifications.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// Tells the responsible team about a NEWS2 alert: an in-app notification to the user of each attending practitioner
/// of the set's encounter or, when none of them has an active user account, to the physicians and nurses of the
/// encounter's department (an urgent response must reach someone who can give it). The dedup key makes a redelivered
/// event a no-op. With nobody to tell (no encounter, or nobody in the department with a user account) the alert is
/// logged as a warning: retrying would not find anyone.
/// </summary>
internal sealed partial class NotifyNews2Alert(
    ClinicalDb db, IPractitionerDirectory practitioners, IPatientDirectory patients, INotificationSender notifications, ILogger<NotifyNews2Alert> logger)
    : IIntegrationEventHandler<News2AlertRaised>
{
    public const string TemplateKey = "news2.alert";

    public async Task HandleAsync(News2AlertRaised alert, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var encounter = alert.EncounterId is { } encounterId
            ? await db.Encounters.AsNoTracking().Where(e => e.Id == encounterId)
                .Select(e => new { e.DepartmentId, Attenders = e.Participants.Where(p => p.Role == ParticipantRole.Attender).Select(p => p.PractitionerId).ToList() })
                .SingleOrDefaultAsync(cancellationToken)
            : null;
        var users = new List<Guid>();
        foreach (var practitionerId in encounter?.Attenders ?? [])
        {
            if (await practitioners.FindPractitionerAsync(practitionerId, cancellationToken) is { Active: true, UserId: { } userId })
            {
                users.Add(userId);
            }
        }

        if (users.Count == 0 && encounter is not null)
        {
            users.AddRange(await practitioners.ClinicalUsersOfDepartmentAsync(encounter.DepartmentId, cancellationToken));
        }

        if (users.Count == 0)
        {
            LogNobodyToTell(alert.VitalsId, alert.PatientId, alert.EncounterId);
            return;
        }

        var patient = await patients.FindAsync(alert.PatientId, cancellationToken);
        foreach (var userId in users.Distinct())
        {
            var payload = new JsonObject
            {
                ["patient"] = new JsonObject { ["name"] = patient?.DisplayName ?? alert.PatientId.ToString() },
                ["news2"] = new JsonObject
                {
                    ["aggregate"] = alert.Aggregate?.ToString(CultureInfo.InvariantCulture) ?? "incomplete",
                    ["risk"] = alert.Risk ?? "not banded (incomplete set)",
                    ["parametersScoringThree"] = alert.ParametersScoringThree.Count > 0 ? string.Join(", ", alert.ParametersScoringThree) : "none",
                },
                ["vitals"] = new JsonObject { ["id"] = alert.VitalsId.ToString(), ["effectiveAt"] = alert.EffectiveAt.ToString("u", CultureInfo.InvariantCulture) },
            };
            try
            {
                await notifications.EnqueueAsync(
                    new NotificationRequest(
                        new NotificationRecipient(RecipientKind.User, userId.ToString()), NotificationChannel.InApp, TemplateKey, payload,
                        $"vitals:{alert.VitalsId}:news2:{userId}"),
                    cancellationToken);
            }
            catch (NotificationRejectedException rejected)
            {
                // A tenant's own news2.alert template that cannot be rendered: retrying would fail the same way.
                LogRejected(alert.VitalsId, userId, rejected.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "NEWS2 alert for vitals {VitalsId} not sent to user {UserId}: notifications refused it ({Reason})")]
    private partial void LogRejected(Guid vitalsId, Guid userId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NEWS2 alert for vitals {VitalsId} of patient {PatientId} (encounter {EncounterId}) reached nobody: no attending practitioner, physician or nurse of its department with a user account")]
    private partial void LogNobodyToTell(Guid vitalsId, Guid patientId, Guid? encounterId);
}
