namespace HealthCore.Modules.Audit;

/// <summary>What this instance's sealer remembers between passes.</summary>
internal sealed class AuditSealerState
{
    /// <summary>Set once the legacy chain records have been imported as leaves (checked once per process).</summary>
    public bool LegacyImported { get; set; }
}
