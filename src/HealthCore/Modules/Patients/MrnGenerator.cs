using HealthCore.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

/// <summary>
/// Issues MRNs per tenant from the tenant's MrnFormat setting (e.g. MRN-{seq:000000}): one atomic upsert of the tenant's
/// counter row (INSERT .. ON CONFLICT DO UPDATE .. RETURNING, which row-locks on PostgreSQL and holds the write lock on
/// SQLite), committed on its own so the lock is short. A number is never issued twice; a failed registration leaves a
/// gap. Changing the format does not restart the sequence.
/// </summary>
internal static class MrnGenerator
{
    public static async Task<string> NextAsync(PatientsDb db, ITenantSettings settings, Guid tenantId, CancellationToken cancellationToken)
    {
        var format = (await settings.GetAsync(cancellationToken)).MrnFormat;
        var table = db.IsSqlite ? "\"patient_mrn_counters\"" : $"\"{PatientsDb.SchemaName}\".\"patient_mrn_counters\"";
        var sql = $"INSERT INTO {table} AS c (tenant_id, last_value) VALUES ({{0}}, 1) "
            + "ON CONFLICT (tenant_id) DO UPDATE SET last_value = c.last_value + 1 RETURNING last_value AS \"Value\"";
        var sequence = (await db.Database.SqlQueryRaw<long>(sql, tenantId).ToListAsync(cancellationToken)).Single();
        return MrnFormats.Apply(format, sequence);
    }
}
