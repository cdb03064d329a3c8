using System.ComponentModel.DataAnnotations;

namespace HealthCore.Modules.Laboratory;

internal sealed class LaboratoryOptions
{
    public const string Section = "Laboratory";

    /// <summary>How long each level of the critical-value chain has to acknowledge before the next one is told.</summary>
    [Range(1, 24 * 60)]
    public int CriticalEscalationMinutes { get; set; } = 30;

    /// <summary>Whether this instance runs the escalation sweep; any number of instances may.</summary>
    public bool CriticalEscalationEnabled { get; set; } = true;

    [Range(10, 3_600_000)]
    public int CriticalEscalationPollMilliseconds { get; set; } = 30_000;

    public TimeSpan CriticalEscalationPeriod => TimeSpan.FromMinutes(CriticalEscalationMinutes);
}
