using System.Collections.Concurrent;
using HealthCore.Modules.Identity.Contracts;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Identity;

/// <summary>
/// Every tenant's settings for <see cref="AuthOptions.TenantSettingsCacheDuration"/>: nearly every write reads them
/// (MRN format, booking horizon, time zone), and they change a few times a year. PATCH /config invalidates the tenant's
/// entry on this instance; other instances see the change when their entry expires.
/// </summary>
internal sealed class TenantSettingsCache(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Entry> entries = new();
    private readonly ConcurrentDictionary<Guid, long> generations = new();

    /// <summary>The cached settings; otherwise the generation a read that fills the entry must present to <see cref="Store"/>.</summary>
    public bool TryGet(Guid tenantId, out TenantSettings settings, out long generation)
    {
        generation = generations.GetValueOrDefault(tenantId);
        if (entries.TryGetValue(tenantId, out var entry) && entry.Generation == generation && entry.ExpiresAt > clock.GetUtcNow())
        {
            settings = entry.Settings;
            return true;
        }

        settings = null!;
        return false;
    }

    /// <summary>Keeps settings read at <paramref name="generation"/>; a read that raced an invalidation is not kept.</summary>
    public void Store(Guid tenantId, TenantSettings settings, long generation)
    {
        if (generations.GetValueOrDefault(tenantId) == generation)
        {
            entries[tenantId] = new Entry(settings, generation, clock.GetUtcNow() + options.Value.TenantSettingsCacheDuration);
        }
    }

    public void Invalidate(Guid tenantId)
    {
        generations.AddOrUpdate(tenantId, 1, (_, generation) => generation + 1);
        entries.TryRemove(tenantId, out _);
    }

    private sealed record Entry(TenantSettings Settings, long Generation, DateTimeOffset ExpiresAt);
}
