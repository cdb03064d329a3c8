using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Notifications.Contracts;

namespace HealthCore.Modules.Notifications;

/// <summary>How a channel's notifications leave the service.</summary>
internal enum ChannelProvider
{
    /// <summary>Not configured: notifications on the channel fail (dead, with a lastError saying so) instead of pretending to be sent.</summary>
    None,

    /// <summary>Written to the application log (Development).</summary>
    Log,

    /// <summary>Email through an SMTP server (Notifications:Smtp).</summary>
    Smtp,

    /// <summary>Email written as .eml files to a folder (Development; Notifications:FileDirectory).</summary>
    File,
}

internal sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Notifications";

    /// <summary>Whether this instance runs the background sender; any number of instances may.</summary>
    public bool Enabled { get; set; } = true;

    [Range(10, 3_600_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Notifications one instance claims per pass.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    /// <summary>Failed attempts after which a notification is dead and no longer retried.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay after the first failure; it doubles per further failure up to MaxRetryDelaySeconds, with jitter (50-100 %).</summary>
    [Range(0, 86_400_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 30_000;

    [Range(0, 86_400)]
    public int MaxRetryDelaySeconds { get; set; } = 3600;

    /// <summary>How long a claim keeps other instances off a notification; renewed before each send, so it must exceed one send.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Per channel; unset means Log (and File for email) in Development, otherwise Smtp for email when Smtp:Host is set, else None.</summary>
    public ChannelProviders Providers { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where the File provider writes; relative paths are under the content root. Default data/notifications.</summary>
    public string? FileDirectory { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (channel, provider) in Providers.Configured())
        {
            if (provider is ChannelProvider.Smtp or ChannelProvider.File && channel != NotificationChannel.Email)
            {
                yield return new ValidationResult($"{Section}:Providers:{channel} cannot be {provider}: only email is sent by SMTP or to files.");
            }
        }

        if (Providers.Email == ChannelProvider.Smtp && string.IsNullOrWhiteSpace(Smtp.Host))
        {
            yield return new ValidationResult($"{Section}:Smtp:Host is required when email is sent by SMTP.");
        }

        if (!string.IsNullOrWhiteSpace(Smtp.Host) && !System.Net.Mail.MailAddress.TryCreate(Smtp.From ?? "", out _))
        {
            yield return new ValidationResult($"{Section}:Smtp:From must be the sender's email address when {Section}:Smtp:Host is set.");
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new ValidationResult($"{Section}:Smtp:Port must be between 1 and 65535.");
        }

        if (Smtp.TimeoutSeconds < 1 || Smtp.TimeoutSeconds >= LeaseSeconds)
        {
            yield return new ValidationResult($"{Section}:Smtp:TimeoutSeconds must be at least 1 and less than {Section}:LeaseSeconds ({LeaseSeconds}).");
        }
    }
}

internal sealed class ChannelProviders
{
    public ChannelProvider? Email { get; set; }

    public ChannelProvider? Sms { get; set; }

    public ChannelProvider? Push { get; set; }

    public ChannelProvider? InApp { get; set; }

    public ChannelProvider? For(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => Email,
        NotificationChannel.Sms => Sms,
        NotificationChannel.Push => Push,
        NotificationChannel.InApp => InApp,
        _ => null,
    };

    public IEnumerable<(NotificationChannel Channel, ChannelProvider Provider)> Configured() =>
        Enum.GetValues<NotificationChannel>().Where(c => For(c) is not null).Select(c => (c, For(c)!.Value));
}

internal sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>STARTTLS after connecting (SmtpClient does not speak implicit TLS on port 465).</summary>
    public bool EnableSsl { get; set; }

    /// <summary>Sender address, e.g. noreply@hospital.example; FromName is its display name.</summary>
    public string? From { get; set; }

    public string? FromName { get; set; }

    /// <summary>Credentials for AUTH; anonymous when unset. Give the password as a secret (environment variable).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one message may take to send; must be well under LeaseSeconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
