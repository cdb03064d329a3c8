using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Events;
using HealthCore.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory.Demo;

/// <summary>
/// Works the demo's laboratory orders (OrdersDemoSeeder) through the laboratory: a specimen collected 15 minutes after
/// the order and received 20 minutes later, results an hour after that, released 20 minutes on. Most values sit in the
/// middle of the patient's range; every fourth order has a high first analyte; the first order (a stat basic
/// metabolic panel) has a critical potassium whose alert was acknowledged by phone; the third order's report was
/// corrected. Stages that would lie in the future are left for the lab's worklist. An order whose items are past
/// awaiting collection was seeded before, so a rerun changes nothing.
/// </summary>
internal sealed class LabResultsDemoSeeder(
    LaboratoryDb db, LabRequestIntake intake, AccessionNumbers accessions, LabResultReader reader, ILabTestCatalog catalog, IPatientDirectory patients,
    OpenCriticalAlerts criticalAlerts, TimeProvider clock) : IDemoSeeder
{
    private const string Potassium = "2823-3";

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        for (var i = 0; i < DemoSeedContext.LabOrders; i++)
        {
            if (await intake.FindAsync(context.IdFor("order", i), cancellationToken) is not { } request
                || request.Items.Any(item => item.Status != LabItemStatus.AwaitingCollection))
            {
                continue;
            }

            var collectedAt = request.OrderedAt.AddMinutes(15);
            if (collectedAt > now)
            {
                continue;
            }

            var receivedAt = Earlier(collectedAt.AddMinutes(20), now);
            await CollectAsync(context.TenantId, request, collectedAt, receivedAt, cancellationToken);
            var resultedAt = receivedAt.AddMinutes(60);
            var releasedAt = resultedAt.AddMinutes(20);
            if (releasedAt > now)
            {
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }

            var released = new List<LabResultsReleased>();
            foreach (var item in request.Items)
            {
                var report = await ReportAsync(request, item, Values(i), resultedAt, cancellationToken);
                released.Add(LabRelease.Release(db, request, item, report, verifiedBy: null, releasedAt));
                if (i == 2 && item.Sequence == 1 && releasedAt.AddMinutes(30) < now)
                {
                    report.IsCurrent = false;
                    var corrected = await ReportAsync(request, item, Value.Corrected, releasedAt.AddMinutes(25), cancellationToken, LabReportStatus.Corrected, report.Version + 1);
                    corrected.CorrectionReason = "Sample mix-up on the analyser: values re-run from the patient's own specimen";
                    corrected.PreviousVersionId = report.Id;
                    LabRelease.Release(db, request, item, corrected, verifiedBy: null, releasedAt.AddMinutes(30));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            if (i == 0)
            {
                await AcknowledgeCriticalAsync(context.TenantId, released, releasedAt.AddMinutes(8), cancellationToken);
            }
        }
    }

    private enum Value
    {
        Normal,
        HighFirst,
        CriticalPotassium,
        Corrected,
    }

    private static Value Values(int order) => order switch
    {
        0 => Value.CriticalPotassium,
        _ when order % 4 == 1 => Value.HighFirst,
        _ => Value.Normal,
    };

    private async Task CollectAsync(Guid tenantId, LabRequest request, DateTimeOffset collectedAt, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var specimen = new Specimen
        {
            Id = Guid.CreateVersion7(),
            RequestId = request.Id,
            PatientId = request.PatientId,
            Accession = await accessions.NextAsync(tenantId, collectedAt, cancellationToken),
            ItemIds = [.. request.Items.Select(i => i.Id)],
            Type = request.Items[0].SpecimenType,
            Container = request.Items[0].Container,
            BodySite = "Left antecubital vein",
            CollectedAt = collectedAt,
            Status = SpecimenStatus.Received,
            ReceivedAt = receivedAt,
            Condition = "satisfactory",
            UpdatedAt = receivedAt,
        };
        db.Specimens.Add(specimen);
        foreach (var item in request.Items)
        {
            item.SpecimenId = specimen.Id;
            item.CollectedAt = collectedAt;
            item.ReceivedAt = receivedAt;
            item.Status = LabItemStatus.Received;
            item.StatusChangedAt = receivedAt;
        }

        request.Settle(receivedAt);
    }

    private async Task<LabReport> ReportAsync(
        LabRequest request, LabRequestItem item, Value value, DateTimeOffset at, CancellationToken cancellationToken,
        LabReportStatus status = LabReportStatus.Final, int version = 1)
    {
        var inputs = await InputsAsync(request, item, value, cancellationToken);
        var reading = await reader.ReadAsync(request, item, [.. inputs], cancellationToken);
        if (reading.Invalid is not null || reading.Refused is not null)
        {
            throw new InvalidOperationException($"The demo's results for {item.Code} do not fit the starter catalogue.");
        }

        var report = LabReport.Of(request, item, version, status);
        report.Results.AddRange(reading.Results);
        report.EnteredAt = at;
        item.ResultedAt ??= at;
        db.Reports.Add(report);
        return report;
    }

    // Quantities only: the demo's coded and text analytes (urinalysis) are left unreported.
    private async Task<List<LabResultInput>> InputsAsync(LabRequest request, LabRequestItem item, Value value, CancellationToken cancellationToken)
    {
        var patient = await patients.FindAsync(request.PatientId, cancellationToken);
        var labPatient = new LabPatient(Enum.TryParse<LabPatientSex>(patient?.Gender, ignoreCase: true, out var sex) ? sex : LabPatientSex.Unknown, patient?.BirthDate ?? new DateOnly(1970, 1, 1));
        var inputs = new List<LabResultInput>();
        foreach (var code in item.AnalyteCodes)
        {
            if (await catalog.FindAsync(code, cancellationToken) is not { ValueType: "quantity", Unit: { } unit })
            {
                continue;
            }

            var range = await catalog.SelectRangeAsync(code, labPatient, item.CollectedAt!.Value, cancellationToken);
            var middle = range is { Low: { } low, High: { } high } ? (low + high) / 2 : range?.High * 0.8m ?? range?.Low * 1.2m ?? 1m;
            var reported = (value, code) switch
            {
                (Value.CriticalPotassium, Potassium) => 6.8m,
                (Value.HighFirst, _) when inputs.Count == 0 && range?.High is { } upper => Above(upper, range.CriticalHigh),
                (Value.Corrected, _) when inputs.Count == 0 => middle * 1.05m,
                _ => middle,
            };
            inputs.Add(new LabResultInput(code, new LabQuantityInput(Math.Round(reported, 2), unit)));
        }

        return inputs;
    }

    private async Task AcknowledgeCriticalAsync(Guid tenantId, List<LabResultsReleased> released, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var release in released.Where(r => r.Observations.Any(o => o.Critical)))
        {
            await criticalAlerts.HandleAsync(release, new IntegrationEventContext(Guid.CreateVersion7(), tenantId, release.ReleasedAt, 1), cancellationToken);
            var resultIds = release.Observations.Where(o => o.Critical).Select(o => o.ResultId).ToList();
            foreach (var alert in await db.CriticalAlerts.Where(a => resultIds.Contains(a.ResultId)).ToListAsync(cancellationToken))
            {
                alert.Acknowledge(at, null, null, LabCriticalAckMethod.Phone, $"{alert.Display ?? alert.Code} {alert.Value} {alert.Unit}", "Ward nurse in charge");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    // Past the upper reference limit but short of the critical one.
    private static decimal Above(decimal upper, decimal? critical) => critical is { } limit && upper * 1.15m >= limit ? (upper + limit) / 2 : upper * 1.15m;

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
