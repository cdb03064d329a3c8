using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal sealed class LabTestCatalog(LaboratoryDb db, StarterCatalogLoader starter) : ILabTestCatalog
{
    public async Task<LabTestDefinition?> FindAsync(string code, CancellationToken cancellationToken)
    {
        await starter.EnsureLoadedAsync(cancellationToken);
        var catalog = await db.Tests.LoadReachableAsync([code], cancellationToken);
        if (!catalog.TryGetValue(code, out var test))
        {
            return null;
        }

        var turnaround = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (priority, minutes) in new[]
        {
            ("routine", test.Turnaround?.Routine), ("urgent", test.Turnaround?.Urgent), ("asap", test.Turnaround?.Asap), ("stat", test.Turnaround?.Stat),
        })
        {
            if (minutes is { } value)
            {
                turnaround[priority] = TimeSpan.FromMinutes(value);
            }
        }

        return new LabTestDefinition(
            test.Code, test.Display, QueryEnum.Name(test.Kind), test.Active, test.Specimen?.Type, test.Specimen?.Container, test.Specimen?.VolumeMl,
            test.ValueType is { } valueType ? QueryEnum.Name(valueType) : null, test.Unit, test.Answers,
            test.MinimumRetestIntervalMinutes is { } interval ? TimeSpan.FromMinutes(interval) : null, turnaround, test.PriceCode,
            test.DeltaCheck is { } delta ? new LabDeltaLimit(QueryEnum.Name(delta.Kind), delta.Limit) : null,
            PanelGraph.Of(catalog.Values).Expand(code));
    }

    public async Task<LabReferenceRange?> SelectRangeAsync(string code, LabPatient patient, DateTimeOffset collectedAt, CancellationToken cancellationToken)
    {
        await starter.EnsureLoadedAsync(cancellationToken);
        var test = await db.Tests.AsNoTracking().SingleOrDefaultAsync(t => t.Code == code, cancellationToken);
        return test is not null && ReferenceRanges.Select(test.Ranges, patient, collectedAt) is { } range ? range.ToContract(test.Code, test.Unit) : null;
    }
}
