namespace HealthCore.Modules.Notifications;

/// <summary>
/// The templates every tenant has from its first day, for the keys the service itself sends (appointment reminders,
/// waitlist offers), so that these work before anyone writes a template. A tenant's own template under the same key
/// (PUT /notification-templates/{key}) takes precedence.
/// </summary>
internal static class DefaultTemplates
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    public static IReadOnlyList<NotificationTemplate> All { get; } =
    [
        new()
        {
            Key = "appointment.reminder",
            Description = "Built-in: sent before an appointment starts (Scheduling:ReminderLeadTime) and by POST /appointments/{id}/remind.",
            EmailSubject = "Reminder: your appointment on {{appointment.date}} at {{appointment.time}}",
            EmailBody = "Dear {{patient.name}},\n\nthis is a reminder of your appointment on {{appointment.date}} at {{appointment.time}} "
                + "({{appointment.timeZone}}) with {{appointment.practitioner}}, {{appointment.department}}.\n\n{{appointment.preparationInstructions}}",
            SmsBody = "Reminder: appointment on {{appointment.date}} at {{appointment.time}} with {{appointment.practitioner}}.",
            InAppSubject = "Appointment on {{appointment.date}} at {{appointment.time}}",
            InAppBody = "Your appointment with {{appointment.practitioner}} is on {{appointment.date}} at {{appointment.time}}.",
            CreatedAt = Epoch,
            UpdatedAt = Epoch,
        },
        new()
        {
            Key = "waitlist.offer",
            Description = "Built-in: offers a freed place to a waitlisted patient (held for Scheduling:OfferHoldTime).",
            EmailSubject = "A place is available for you on {{appointment.date}}",
            EmailBody = "Dear {{patient.name}},\n\na place on {{appointment.localStart}} with {{appointment.practitioner}} is held for you "
                + "until {{offer.expiresAt}}. Please accept or decline it before then.",
            SmsBody = "A place on {{appointment.localStart}} is held for you until {{offer.expiresAt}}.",
            InAppSubject = "A place is available on {{appointment.date}}",
            InAppBody = "A place on {{appointment.localStart}} is held for you until {{offer.expiresAt}}.",
            CreatedAt = Epoch,
            UpdatedAt = Epoch,
        },
        new()
        {
            Key = "news2.alert",
            Description = "Built-in: NEWS2 of 7 or more, or a 3 in one parameter, in a recorded vitals set; to the encounter's attending practitioners.",
            InAppSubject = "NEWS2 {{news2.aggregate}} ({{news2.risk}}): {{patient.name}}",
            InAppBody = "Vitals taken at {{vitals.effectiveAt}} call for an urgent clinical review of {{patient.name}}: NEWS2 {{news2.aggregate}}, "
                + "risk {{news2.risk}}, scoring 3: {{news2.parametersScoringThree}}.",
            CreatedAt = Epoch,
            UpdatedAt = Epoch,
        },
        new()
        {
            Key = "lab.specimen.rejected",
            Description = "Built-in: the laboratory rejected a specimen; to the ordering practitioner (else the encounter department's clinicians), who arranges recollection.",
            InAppSubject = "Specimen rejected ({{specimen.reason}}): recollect for {{patient.name}}",
            InAppBody = "The laboratory rejected specimen {{specimen.accession}} of order {{order.id}} for {{patient.name}} ({{specimen.reason}}). "
                + "A new specimen is needed for: {{specimen.tests}}. {{specimen.note}}",
            CreatedAt = Epoch,
            UpdatedAt = Epoch,
        },
        new()
        {
            Key = "lab.result.corrected",
            Description = "Built-in: a released laboratory report was corrected (POST /lab/reports/{id}/correct); to the ordering practitioner, else the encounter department's clinicians.",
            InAppSubject = "Corrected result: {{report.display}} for {{patient.name}}",
            InAppBody = "The results of {{report.display}} (order {{order.id}}) for {{patient.name}} were corrected (version {{report.version}}): {{report.reason}}. Review the corrected report.",
            CreatedAt = Epoch,
            UpdatedAt = Epoch,
        },
        new()
        {
            Key = "lab.result.critical",
            Description = "Built-in: a released laboratory result beyond a critical (panic) limit; to the ordering team, who must acknowledge it with read-back.",
            InAppSubject = "Critical result for {{patient.name}}: {{result.display}} {{result.value}} {{result.unit}}",
            InAppBody = "{{result.display}} of {{patient.name}} is {{result.value}} {{result.unit}} ({{result.interpretation}}), released {{result.releasedAt}} "
                + "(order {{order.id}}). Acknowledge it with read-back (result {{result.id}}) before {{alert.dueAt}}, or it escalates.",
            CreatedAt = Epoch,
            UpdatedAt = Epoch,
        },
        new()
        {
            Key = "lab.critical.escalated",
            Description = "Built-in: a critical laboratory result left unacknowledged for Laboratory:CriticalEscalationMinutes; to the next level of the chain.",
            InAppSubject = "Unacknowledged critical result for {{patient.name}}: {{result.display}} {{result.value}} {{result.unit}}",
            InAppBody = "Nobody has acknowledged {{result.display}} {{result.value}} {{result.unit}} ({{result.interpretation}}) of {{patient.name}} "
                + "for {{alert.minutesOpen}} minutes (released {{result.releasedAt}}, order {{order.id}}); it is escalated to you ({{alert.levelName}}). "
                + "Make sure the value reaches the team and acknowledge it with read-back (result {{result.id}}).",
            CreatedAt = Epoch,
            UpdatedAt = Epoch,
        },
    ];

    public static NotificationTemplate? Find(string? key) => All.FirstOrDefault(template => template.Key == key);
}
