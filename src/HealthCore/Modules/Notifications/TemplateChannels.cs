using System.ComponentModel.DataAnnotations;

namespace HealthCore.Modules.Notifications;

/// <summary>The content per channel; a channel left out cannot be used with this template.</summary>
internal sealed record TemplateChannels(
    EmailTemplateContent? Email = null, SmsTemplateContent? Sms = null, MessageTemplateContent? Push = null, MessageTemplateContent? InApp = null);

/// <param name="Body">HTML; placeholder values are HTML-escaped when rendered.</param>
internal sealed record EmailTemplateContent(
    [Required, StringLength(NotificationTemplate.MaxSubjectLength, MinimumLength = 1)] string? Subject,
    [Required, StringLength(NotificationTemplate.MaxBodyLength, MinimumLength = 1)] string? Body);

internal sealed record SmsTemplateContent([Required, StringLength(NotificationTemplate.MaxBodyLength, MinimumLength = 1)] string? Body);

/// <param name="Subject">The title shown with the message, if any.</param>
internal sealed record MessageTemplateContent(
    [Required, StringLength(NotificationTemplate.MaxBodyLength, MinimumLength = 1)] string? Body,
    [StringLength(NotificationTemplate.MaxSubjectLength)] string? Subject = null);
