using System.Collections.Concurrent;
using HealthCore.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

/// <summary>
/// Issues MRNs per tenant from the tenant's MrnFormat setting (e.g. MRN-{seq:000000}). The tenant's counter row is
/// advanced by <see cref="BlockSize"/> at a time with one atomic upsert (INSERT .. ON CONFLICT DO UPDATE .. RETURNING,
/// its own short transaction); this instance then hands the block's numbers out from memory, so only one registration in
/// fifty pays a round trip for its number. A number is never issued twice, also across instances (each reserves its own
/// blocks). Gaps are normal: a failed registration, and the unused rest of a block when the instance stops; with several
/// instances numbers are unique but not issued in registration order. Changing the format does not restart the sequence.
/// </summary>
internal sealed class MrnGenerator
{
    public const int BlockSize = 50;

    private readonly ConcurrentDictionary<Guid, Block> blocks = new();

    public async Task<string> NextAsync(PatientsDb db, ITenantSettings settings, Guid tenantId, CancellationToken cancellationToken)
    {
        var format = (await settings.GetAsync(cancellationToken)).MrnFormat;
        var block = blocks.GetOrAdd(tenantId, _ => new Block());
        await block.Refill.WaitAsync(cancellationToken);
        try
        {
            if (block.Next > block.Last)
            {
                var last = await ReserveAsync(db, tenantId, cancellationToken);
                (block.Next, block.Last) = (last - BlockSize + 1, last);
            }

            return MrnFormats.Apply(format, block.Next++);
        }
        finally
        {
            block.Refill.Release();
        }
    }

    private static async Task<long> ReserveAsync(PatientsDb db, Guid tenantId, CancellationToken cancellationToken)
    {
        var table = db.IsSqlite ? "\"patient_mrn_counters\"" : $"\"{PatientsDb.SchemaName}\".\"patient_mrn_counters\"";
        var sql = $"INSERT INTO {table} AS c (tenant_id, last_value) VALUES ({{0}}, {BlockSize}) "
            + $"ON CONFLICT (tenant_id) DO UPDATE SET last_value = c.last_value + {BlockSize} RETURNING last_value AS \"Value\"";
        return (await db.Database.SqlQueryRaw<long>(sql, tenantId).ToListAsync(cancellationToken)).Single();
    }

    private sealed class Block
    {
        public SemaphoreSlim Refill { get; } = new(1, 1);

        public long Next { get; set; } = 1;

        public long Last { get; set; }
    }
}
