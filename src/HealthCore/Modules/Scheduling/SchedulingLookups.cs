using System.Text.Json;
using System.Text.Json.Nodes;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Notifications.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Practitioners.Contracts;

namespace HealthCore.Modules.Scheduling;

/// <param name="Active">False for a deactivated or deceased patient: neither can be booked.</param>
internal sealed record PatientInfo(Guid Id, string DisplayName, bool Active);

internal sealed record SchedulingDefaults(
    int DefaultSlotMinutes, int BookingHorizonDays, string TimeZone, bool RemindersEnabled, bool WaitlistAutoPromotion);

/// <summary>
/// The one place Scheduling reaches into other modules (patients, practitioners, tenant settings, notifications),
/// through their Contracts only. Everything else in the module asks this class.
/// </summary>
internal sealed partial class SchedulingLookups(
    IPatientDirectory patients,
    IPatientContacts contacts,
    IPractitionerDirectory practitioners,
    ITenantSettings tenantSettings,
    INotificationSender notifications,
    SchedulingDb db,
    ILogger<SchedulingLookups> logger)
{
    public async Task<PatientInfo?> FindPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        await patients.FindAsync(patientId, cancellationToken) is { } patient
            ? new PatientInfo(patient.Id, patient.DisplayName, patient.Active && !patient.Deceased)
            : null;

    public Task<bool> PractitionerExistsAsync(Guid practitionerId, CancellationToken cancellationToken) =>
        practitioners.PractitionerExistsAsync(practitionerId, cancellationToken);

    public Task<PractitionerSummary?> FindPractitionerAsync(Guid practitionerId, CancellationToken cancellationToken) =>
        practitioners.FindPractitionerAsync(practitionerId, cancellationToken);

    public Task<DepartmentSummary?> FindDepartmentAsync(Guid departmentId, CancellationToken cancellationToken) =>
        practitioners.FindDepartmentAsync(departmentId, cancellationToken);

    public Task<Guid?> PractitionerIdOfUserAsync(Guid userId, CancellationToken cancellationToken) =>
        practitioners.PractitionerIdOfUserAsync(userId, cancellationToken);

    /// <summary>A department of the tenant in a facility the caller may act in (another facility's is as unknown as another tenant's).</summary>
    public async Task<bool> DepartmentExistsAsync(Guid departmentId, CancellationToken cancellationToken) =>
        db.MayActIn(departmentId) && await practitioners.DepartmentExistsAsync(departmentId, cancellationToken);

    public async Task<(string? Practitioner, string? Department)> NamesAsync(Guid? practitionerId, Guid departmentId, CancellationToken cancellationToken) =>
        (practitionerId is { } id ? (await practitioners.FindPractitionerAsync(id, cancellationToken))?.DisplayName : null,
            (await practitioners.FindDepartmentAsync(departmentId, cancellationToken))?.Name);

    /// <summary>
    /// Whether the practitioner (when given) and the department exist, and the department's preparation text for
    /// <paramref name="examType"/> (when given) at the appointment's start (see <see cref="PreparationText"/>), in one query.
    /// </summary>
    public async Task<(bool PractitionerExists, bool DepartmentExists, string? Preparation)> BookingResourcesAsync(
        Guid? practitionerId, Guid departmentId, string? examType, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var found = await practitioners.FindBookingResourcesAsync(
            practitionerId, departmentId, examType is null ? null : $"preparation.{examType}", at, cancellationToken);
        return (found.PractitionerExists, found.DepartmentExists && db.MayActIn(departmentId), PreparationText(found.Rule));
    }

    /// <summary>
    /// The rule's text: a JSON string, or the <c>text</c> (or <c>instructions</c>) member of an object.
    /// </summary>
    private static string? PreparationText(DepartmentRuleValue? rule) => rule?.Value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Object } value when value.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String => text.GetString(),
        { ValueKind: JsonValueKind.Object } value when value.TryGetProperty("instructions", out var text) && text.ValueKind == JsonValueKind.String => text.GetString(),
        var other => other.Value.GetRawText(),
    };

    public async Task<SchedulingDefaults> DefaultsAsync(CancellationToken cancellationToken)
    {
        var settings = await tenantSettings.GetAsync(cancellationToken);
        return new SchedulingDefaults(
            settings.DefaultSlotMinutes,
            settings.BookingHorizonDays,
            settings.TimeZone,
            settings.Features.GetValueOrDefault(FeatureToggles.AppointmentReminders, true),
            settings.Features.GetValueOrDefault(FeatureToggles.WaitlistAutoPromotion, true));
    }

    /// <summary>
    /// Queues the tenant's template <paramref name="templateKey"/> to the patient by email, else by SMS. The payload gains
    /// <c>patient.name</c>. The dedup key makes a repeated call for the same occasion (an outbox redelivery) a no-op. A patient
    /// without an address, or a tenant without the template, is logged and skipped: retrying would not change either.
    /// </summary>
    public async Task NotifyPatientAsync(Guid patientId, string templateKey, JsonObject payload, string dedupKey, CancellationToken cancellationToken)
    {
        var contact = await contacts.FindAsync(patientId, cancellationToken);
        var recipient = contact switch
        {
            { Email: { } email } => (Channel: NotificationChannel.Email, Recipient: new NotificationRecipient(RecipientKind.Email, email)),
            { Phone: { } phone } => (Channel: NotificationChannel.Sms, Recipient: new NotificationRecipient(RecipientKind.Phone, phone)),
            _ => default,
        };
        if (recipient.Recipient is null)
        {
            LogNoAddress(templateKey, patientId);
            return;
        }

        payload["patient"] = new JsonObject { ["name"] = contact!.DisplayName };
        try
        {
            await notifications.EnqueueAsync(new NotificationRequest(recipient.Recipient, recipient.Channel, templateKey, payload, dedupKey), cancellationToken);
        }
        catch (NotificationRejectedException rejected)
        {
            LogRejected(templateKey, patientId, rejected.Message, string.Join("; ", rejected.Errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {TemplateKey} for patient {PatientId}: no email address or phone number on record")]
    private partial void LogNoAddress(string templateKey, Guid patientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {TemplateKey} for patient {PatientId}: notifications refused it ({Reason} {Errors})")]
    private partial void LogRejected(string templateKey, Guid patientId, string reason, string errors);
}
