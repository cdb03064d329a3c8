using System.ComponentModel.DataAnnotations;

namespace HealthCore.Platform.Events;

internal sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>Whether this instance runs the background dispatcher; any number of instances may.</summary>
    public bool Enabled { get; set; } = true;

    [Range(10, 3_600_000)]
    public int PollIntervalMilliseconds { get; set; } = 500;

    /// <summary>Messages one instance claims from one module's outbox per pass.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Failed deliveries after which a message is dead-lettered and no longer retried.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay after the first failure; it doubles per further failure up to MaxRetryDelaySeconds.</summary>
    [Range(0, 3_600_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    [Range(0, 86_400)]
    public int MaxRetryDelaySeconds { get; set; } = 300;

    /// <summary>How long a claim keeps other instances off a batch; an instance that dies mid-batch is replaced after it.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 120;
}
