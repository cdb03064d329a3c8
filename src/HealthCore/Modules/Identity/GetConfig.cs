using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>The tenant's effective settings (defaults applied); version is 0 while nothing was ever set.</summary>
internal sealed record ConfigResponse(
    int DefaultSlotMinutes, int BookingHorizonDays, int LowStockThreshold, string MrnFormat, string TimeZone, string Currency,
    IReadOnlyDictionary<string, bool> Features, int Version)
{
    public static ConfigResponse From(TenantConfiguration row)
    {
        var s = row.ToSettings();
        return new(s.DefaultSlotMinutes, s.BookingHorizonDays, s.LowStockThreshold, s.MrnFormat, s.TimeZone, s.Currency, s.Features, row.Version);
    }
}

internal static class GetConfig
{
    public static async Task<Ok<ConfigResponse>> Handle(IdentityDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var row = await db.TenantConfigurations.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new TenantConfiguration();
        http.SetETag(row);
        return TypedResults.Ok(ConfigResponse.From(row));
    }
}

/// <summary>
/// The cross-module view of the settings (<see cref="ITenantSettings"/>): from <see cref="TenantSettingsCache"/>, else
/// one indexed row read.
/// </summary>
internal sealed class TenantSettingsReader(IdentityDb db, ICurrentTenant currentTenant, TenantSettingsCache cache) : ITenantSettings
{
    public async Task<TenantSettings> GetAsync(CancellationToken cancellationToken)
    {
        if (currentTenant.TenantId is not { } tenantId)
        {
            return await ReadAsync(cancellationToken);
        }

        if (cache.TryGet(tenantId, out var cached, out var generation))
        {
            return cached;
        }

        var settings = await ReadAsync(cancellationToken);
        cache.Store(tenantId, settings, generation);
        return settings;
    }

    private async Task<TenantSettings> ReadAsync(CancellationToken cancellationToken) =>
        (await db.TenantConfigurations.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new TenantConfiguration()).ToSettings();
}
