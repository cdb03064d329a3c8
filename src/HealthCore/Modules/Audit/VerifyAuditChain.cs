using HealthCore.Platform.Auditing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Audit;

/// <summary>How many records of the chain check out from the start, and the first that does not (null when all do).</summary>
internal sealed record AuditVerification(long Verified, Guid? FirstBrokenAt);

internal static class VerifyAuditChain
{
    /// <summary>
    /// Walks the caller's chain in sequence order: each record must have the next sequence number, point at the
    /// previous record's hash, and hash to its stored hash. Streams, so a long chain is not held in memory.
    /// </summary>
    public static async Task<Ok<AuditVerification>> Handle(AuditDb db, CancellationToken cancellationToken)
    {
        var chain = db.Chain;
        var records = db.Records.AsNoTracking().Where(r => r.TenantId == chain).OrderBy(r => r.Sequence).AsAsyncEnumerable();
        long verified = 0;
        var previousHash = AuditHash.Genesis;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (record.Sequence != verified + 1
                || !string.Equals(record.PreviousHash, previousHash, StringComparison.Ordinal)
                || !string.Equals(AuditHash.Of(record), record.Hash, StringComparison.Ordinal))
            {
                return TypedResults.Ok(new AuditVerification(verified, record.Id));
            }

            verified++;
            previousHash = record.Hash;
        }

        return TypedResults.Ok(new AuditVerification(verified, null));
    }
}
