using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

/// <summary>
/// Issues MRNs per tenant from a format such as MRN-{seq:000000}: one atomic upsert of the tenant's counter row
/// (INSERT .. ON CONFLICT DO UPDATE .. RETURNING, which row-locks on PostgreSQL and holds the write lock on SQLite),
/// committed on its own so the lock is short. A number is never issued twice; a failed registration leaves a gap.
/// </summary>
internal static partial class MrnGenerator
{
    /// <summary>
    /// The format until tenant settings provide one (ITenantSettings.MrnFormat, branch admin): isolated here so wiring
    /// the setting changes only <see cref="FormatAsync"/>.
    /// </summary>
    public const string DefaultFormat = "MRN-{seq:000000}";

    public static async Task<string> NextAsync(PatientsDb db, Guid tenantId, CancellationToken cancellationToken)
    {
        var table = db.IsSqlite ? "\"patient_mrn_counters\"" : $"\"{PatientsDb.SchemaName}\".\"patient_mrn_counters\"";
        var sql = $"INSERT INTO {table} AS c (tenant_id, last_value) VALUES ({{0}}, 1) "
            + "ON CONFLICT (tenant_id) DO UPDATE SET last_value = c.last_value + 1 RETURNING last_value AS \"Value\"";
        var sequence = (await db.Database.SqlQueryRaw<long>(sql, tenantId).ToListAsync(cancellationToken)).Single();
        return Format(await FormatAsync(cancellationToken), sequence);
    }

    public static string Format(string format, long sequence)
    {
        var formatted = false;
        var mrn = Placeholder().Replace(format, match =>
        {
            formatted = true;
            return sequence.ToString(match.Groups[1].Success ? match.Groups[1].Value : "0", CultureInfo.InvariantCulture);
        });
        return formatted ? mrn : mrn + sequence.ToString(CultureInfo.InvariantCulture);
    }

    private static Task<string> FormatAsync(CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        return Task.FromResult(DefaultFormat);
    }

    [GeneratedRegex(@"\{seq(?::([^}]*))?\}")]
    private static partial Regex Placeholder();
}
