namespace HealthCore.Modules.Notifications;

/// <param name="Placeholders">The payload values the template reads, e.g. patient.name.</param>
internal sealed record NotificationTemplateResponse(
    string Key, string? Description, TemplateChannels Channels, IReadOnlyList<string> Placeholders, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static NotificationTemplateResponse From(NotificationTemplate t)
    {
        var channels = new TemplateChannels(
            t.EmailBody is null ? null : new EmailTemplateContent(t.EmailSubject, t.EmailBody),
            t.SmsBody is null ? null : new SmsTemplateContent(t.SmsBody),
            t.PushBody is null ? null : new MessageTemplateContent(t.PushBody, t.PushSubject),
            t.InAppBody is null ? null : new MessageTemplateContent(t.InAppBody, t.InAppSubject));
        var texts = new[] { t.EmailSubject, t.EmailBody, t.SmsBody, t.PushSubject, t.PushBody, t.InAppSubject, t.InAppBody };
        var placeholders = texts.OfType<string>().SelectMany(TemplateText.Placeholders).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new(t.Key, t.Description, channels, placeholders, t.Version, t.CreatedAt, t.UpdatedAt);
    }
}
