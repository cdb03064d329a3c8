using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal static class CatalogGraph
{
    /// <summary>The tests with these codes and every test reachable from them through panel members, by code.</summary>
    public static async Task<Dictionary<string, LabTest>> LoadReachableAsync(
        this IQueryable<LabTest> tests, IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, LabTest>(StringComparer.Ordinal);
        var wanted = codes.Distinct(StringComparer.Ordinal).ToList();
        while (wanted.Count > 0)
        {
            var batch = await tests.AsNoTracking().Where(t => wanted.Contains(t.Code)).ToListAsync(cancellationToken);
            foreach (var test in batch)
            {
                found.TryAdd(test.Code, test);
            }

            wanted = [.. batch.SelectMany(t => t.Members).Where(member => !found.ContainsKey(member)).Distinct(StringComparer.Ordinal)];
        }

        return found;
    }
}
