using System.Globalization;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// Accession numbers: <c>L</c>, the collection's local day in the tenant's time zone as yyMMdd, a dash and the day's
/// sequence (at least five digits), e.g. <c>L261204-00017</c>: letters, digits and '-' only, so that any Code 128 printer
/// takes it. The tenant's counter row for the day is advanced by one atomic upsert (INSERT .. ON CONFLICT DO UPDATE ..
/// RETURNING, its own statement, as Patients does for MRNs), so concurrent collections never share a number. A
/// collection that fails afterwards leaves a gap, which is harmless.
/// </summary>
internal sealed class AccessionNumbers(LaboratoryDb db, ITenantSettings settings)
{
    public const string Prefix = "L";

    public async Task<string> NextAsync(Guid tenantId, DateTimeOffset collectedAt, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById((await settings.GetAsync(cancellationToken)).TimeZone);
        var day = LocalDays.DateOf(collectedAt, zone);
        var table = db.IsSqlite ? "\"lab_accession_counters\"" : $"\"{LaboratoryDb.SchemaName}\".\"lab_accession_counters\"";
        var sql = $"INSERT INTO {table} AS c (tenant_id, day, last_value) VALUES ({{0}}, {{1}}, 1) "
            + "ON CONFLICT (tenant_id, day) DO UPDATE SET last_value = c.last_value + 1 RETURNING last_value AS \"Value\"";
        var sequence = (await db.Database.SqlQueryRaw<long>(sql, tenantId, day).ToListAsync(cancellationToken)).Single();
        return Format(day, sequence);
    }

    public static string Format(DateOnly day, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{day:yyMMdd}-{sequence:00000}");
}
