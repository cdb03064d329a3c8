using System.Diagnostics.Metrics;

namespace HealthCore.Platform.Observability;

/// <summary>The service's own instruments; /metrics exports these (and the runtime's) in Prometheus format.</summary>
internal sealed class HealthCoreMetrics : IDisposable
{
    public const string MeterName = "HealthCore";
    private readonly Meter meter = new(MeterName);

    public HealthCoreMetrics(OutboxBacklog outboxBacklog, AuditSealingLag auditSealing)
    {
        RequestDuration = meter.CreateHistogram<double>(
            "healthcore.http.request.duration", "s", "HTTP request duration by route template, method and status class.");
        RequestsInFlight = meter.CreateUpDownCounter<long>(
            "healthcore.http.requests.in_flight", description: "HTTP requests being processed.");
        DbCommandDuration = meter.CreateHistogram<double>(
            "healthcore.db.command.duration", "s", "Database command duration.");
        meter.CreateObservableGauge(
            "healthcore.outbox.backlog", () => outboxBacklog.Current, "{message}", "Outbox messages waiting to be dispatched.");
        meter.CreateObservableGauge(
            "healthcore.audit.unsealed", () => auditSealing.Unsealed, "{record}", "Committed audit records not yet sealed into their tenant's Merkle tree.");
        meter.CreateObservableGauge(
            "healthcore.audit.sealing_lag", () => auditSealing.LagSeconds, "s", "Age of the oldest committed audit record not yet sealed.");
    }

    public Histogram<double> RequestDuration { get; }

    public UpDownCounter<long> RequestsInFlight { get; }

    public Histogram<double> DbCommandDuration { get; }

    public Meter Meter => meter;

    public void Dispose() => meter.Dispose();
}
