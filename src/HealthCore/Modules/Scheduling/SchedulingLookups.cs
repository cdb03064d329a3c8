using HealthCore.Modules.Identity.Contracts;

namespace HealthCore.Modules.Scheduling;

internal sealed record PatientInfo(Guid Id, string DisplayName, bool Active);

internal sealed record SchedulingDefaults(
    int DefaultSlotMinutes, int BookingHorizonDays, string TimeZone, bool RemindersEnabled, bool WaitlistAutoPromotion);

/// <summary>
/// The one place Scheduling reaches into other modules (patients, practitioners, tenant settings, notifications),
/// through their Contracts only. Everything else in the module asks this class.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Placeholders until the other modules' contracts are wired in.")]
internal sealed partial class SchedulingLookups(ITenantSettings tenantSettings, ILogger<SchedulingLookups> logger)
{
    public Task<PatientInfo?> FindPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        Task.FromResult<PatientInfo?>(new PatientInfo(patientId, "", Active: true));

    public Task<bool> PractitionerExistsAsync(Guid practitionerId, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<bool> DepartmentExistsAsync(Guid departmentId, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>The department's rule <c>preparation.&lt;examType&gt;</c> in effect at the appointment's start, as text.</summary>
    public Task<string?> PreparationInstructionsAsync(Guid departmentId, string examType, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

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

    /// <summary>Queues a message to the patient; the dedup key makes a repeated call for the same occasion a no-op.</summary>
    public Task NotifyPatientAsync(Guid patientId, string templateKey, IReadOnlyDictionary<string, string> payload, string dedupKey, CancellationToken cancellationToken)
    {
        LogNotification(templateKey, patientId, dedupKey);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {TemplateKey} for patient {PatientId} ({DedupKey})")]
    private partial void LogNotification(string templateKey, Guid patientId, string dedupKey);
}
