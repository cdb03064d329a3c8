using HealthCore.Platform.Auditing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Audit;

/// <summary>
/// How many records of the chain check out from the start, the first that does not (null when all do), and whether
/// the chain ends where its head says it does (false when newest records were removed).
/// </summary>
internal sealed record AuditVerification(long Verified, Guid? FirstBrokenAt, bool HeadMatches);

internal static class VerifyAuditChain
{
    public static async Task<Ok<AuditVerification>> Handle(AuditDb db, CancellationToken cancellationToken)
    {
        var chain = db.Chain;
        var head = await db.Set<AuditChainHead>().AsNoTracking().SingleOrDefaultAsync(h => h.TenantId == chain, cancellationToken);
        var records = db.Records.AsNoTracking().Where(r => r.TenantId == chain).OrderBy(r => r.Sequence).AsAsyncEnumerable();
        long verified = 0;
        var previousHash = AuditHash.Genesis;
        string? hashAtHead = null;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (record.Sequence != verified + 1
                || !string.Equals(record.PreviousHash, previousHash, StringComparison.Ordinal)
                || !string.Equals(AuditHash.Of(record), record.Hash, StringComparison.Ordinal))
            {
                return TypedResults.Ok(new AuditVerification(verified, record.Id, HeadMatches: false));
            }

            verified++;
            previousHash = record.Hash;
            if (record.Sequence == head?.LastSequence)
            {
                hashAtHead = record.Hash;
            }
        }

        // The head was read first, so records appended since then only make it look older, never newer.
        var headMatches = head is null
            ? verified == 0
            : head.LastSequence == 0 || string.Equals(hashAtHead, head.LastHash, StringComparison.Ordinal);
        return TypedResults.Ok(new AuditVerification(verified, null, headMatches));
    }
}
