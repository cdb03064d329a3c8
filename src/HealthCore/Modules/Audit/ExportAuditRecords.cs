using System.Globalization;
using System.Text;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Audit;

internal static class ExportAuditRecords
{
    public const string ContentType = "text/csv";

    private static readonly string[] Header =
    [
        "id", "format", "sequence", "occurred_at", "actor_id", "actor_name", "action", "entity_type", "entity_id", "changes",
        "correlation_id", "client_ip", "user_agent", "previous_hash", "hash", "reason",
    ];

    public static PushStreamHttpResult Handle(DateTimeOffset? from, DateTimeOffset? to, AuditDb db, HttpContext http)
    {
        var query = ListAuditRecords.Filtered(db, new AuditFilter(null, null, null, null, from, to)).OrderBy(r => r.Id);
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
        return TypedResults.Stream(
            async body =>
            {
                await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
                await writer.WriteAsync(Line(Header));
                await foreach (var record in query.AsAsyncEnumerable().WithCancellation(http.RequestAborted))
                {
                    await writer.WriteAsync(Line(Fields(record)));
                }
            },
            ContentType);
    }

    public static string Quote(string? value) =>
        value is null || value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value ?? "" : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string Line(IEnumerable<string?> fields) => string.Join(",", fields.Select(Quote)) + "\r\n";

    private static string?[] Fields(AuditRecord r) =>
    [
        r.Id.ToString(), r.Format.ToString(CultureInfo.InvariantCulture), r.Sequence?.ToString(CultureInfo.InvariantCulture), InstantStorage.ToStoredPrecision(r.OccurredAt).ToString("O", CultureInfo.InvariantCulture),
        r.ActorId?.ToString(), r.ActorName, r.Action, r.EntityType, r.EntityId, r.Changes,
        r.CorrelationId, r.ClientIp, r.UserAgent, r.PreviousHash, r.Hash, r.Reason,
    ];
}
