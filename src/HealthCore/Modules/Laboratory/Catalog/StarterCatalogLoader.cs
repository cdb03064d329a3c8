using System.Collections.Concurrent;
using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>The tenants this process has seen with the current starter catalogue loaded, so the check costs one query per tenant and process.</summary>
internal sealed class LoadedTenants
{
    public ConcurrentDictionary<Guid, bool> Tenants { get; } = new();
}

/// <summary>
/// Loads the starter catalogue into the current tenant the first time the tenant's catalogue is used (any /lab/tests
/// request, the catalogue contract, the demo seed). Identity announces no new tenants, and a tenant created before
/// this module existed must get the catalogue too, so "first use" covers both. The load is recorded per tenant and
/// catalogue version in the same transaction, which makes it happen once under concurrent first requests (the
/// record's key decides) and never again after a tenant edits or deactivates what it was given.
/// </summary>
internal sealed class StarterCatalogLoader(LaboratoryDb db, LoadedTenants loaded, TimeProvider clock)
{
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (db.CurrentTenantId is not { } tenantId || loaded.Tenants.ContainsKey(tenantId))
        {
            return;
        }

        if (!await db.StarterCatalogLoads.AnyAsync(l => l.CatalogVersion == StarterCatalog.Version, cancellationToken))
        {
            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var load = new StarterCatalogLoad { TenantId = tenantId, CatalogVersion = StarterCatalog.Version, LoadedAt = now };
            if (await db.InsertIfAbsentAsync(load, cancellationToken))
            {
                var existing = (await db.Tests.Select(t => t.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
                foreach (var input in StarterCatalog.Shipped.Tests!.Where(t => !existing.Contains(t.Code!)))
                {
                    var test = new LabTest { Code = input.Code!, CreatedAt = now };
                    LabTestRules.Apply(test, input, now);
                    db.Tests.Add(test);
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        loaded.Tenants.TryAdd(tenantId, true);
    }
}

/// <summary>Every /lab/tests endpoint sees the tenant's catalogue with the starter tests in it.</summary>
internal sealed class StarterCatalogFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        await http.RequestServices.GetRequiredService<StarterCatalogLoader>().EnsureLoadedAsync(http.RequestAborted);
        return await next(context);
    }
}
