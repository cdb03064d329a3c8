using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal sealed class LabTestCatalog(LaboratoryDb db, StarterCatalogLoader starter) : ILabTestCatalog
{
    public async Task<LabTestDefinition?> FindAsync(string code, CancellationToken cancellationToken) =>
        (await FindManyAsync([code], cancellationToken)).GetValueOrDefault(code);

    /// <summary>The definitions of the codes the tenant has (one round trip per panel level, not one per code), keyed by code.</summary>
    public async Task<IReadOnlyDictionary<string, LabTestDefinition>> FindManyAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        await starter.EnsureLoadedAsync(cancellationToken);
        var catalog = await db.Tests.LoadReachableAsync(codes, cancellationToken);
        var graph = PanelGraph.Of(catalog.Values);
        return codes.Where(catalog.ContainsKey).Distinct(StringComparer.Ordinal).ToDictionary(code => code, code => Definition(catalog[code], graph), StringComparer.Ordinal);
    }

    /// <summary>Each code's range for the patient at the collection, from one read of the tests; codes without a range are absent.</summary>
    public async Task<IReadOnlyDictionary<string, LabReferenceRange>> SelectRangesAsync(
        IReadOnlyCollection<string> codes, LabPatient patient, DateTimeOffset collectedAt, CancellationToken cancellationToken)
    {
        await starter.EnsureLoadedAsync(cancellationToken);
        var tests = await db.Tests.AsNoTracking().Where(t => codes.Contains(t.Code)).ToListAsync(cancellationToken);
        var ranges = new Dictionary<string, LabReferenceRange>(StringComparer.Ordinal);
        foreach (var test in tests)
        {
            if (ReferenceRanges.Select(test.Ranges, patient, collectedAt) is { } range)
            {
                ranges[test.Code] = range.ToContract(test.Code, test.Unit);
            }
        }

        return ranges;
    }

    private static LabTestDefinition Definition(LabTest test, PanelGraph graph)
    {
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
            graph.Expand(test.Code));
    }

    public async Task<LabReferenceRange?> SelectRangeAsync(string code, LabPatient patient, DateTimeOffset collectedAt, CancellationToken cancellationToken)
    {
        await starter.EnsureLoadedAsync(cancellationToken);
        var test = await db.Tests.AsNoTracking().SingleOrDefaultAsync(t => t.Code == code, cancellationToken);
        return test is not null && ReferenceRanges.Select(test.Ranges, patient, collectedAt) is { } range ? range.ToContract(test.Code, test.Unit) : null;
    }
}
