namespace HealthCore.Modules.Scheduling;

internal sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How long before the start the automatic reminder goes out.</summary>
    public TimeSpan ReminderLeadTime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a freed place is held for a waitlisted patient before it passes to the next entry.</summary>
    public TimeSpan OfferHoldTime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often this instance looks for due reminders and lapsed offers; any number of instances may.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool SweepEnabled { get; set; } = true;

    public bool IsValid(out string problem)
    {
        problem = ReminderLeadTime <= TimeSpan.Zero ? "ReminderLeadTime must be positive."
            : OfferHoldTime <= TimeSpan.Zero ? "OfferHoldTime must be positive."
            : SweepInterval < TimeSpan.FromMilliseconds(10) ? "SweepInterval must be at least 10 ms."
            : "";
        return problem.Length == 0;
    }
}
