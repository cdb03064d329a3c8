using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using HealthCore.Platform.Database;

namespace HealthCore.Platform.Auditing;

/// <summary>
/// The canonical forms of an audit record and their SHA-256. Both are UTF-8 JSON objects without whitespace, written
/// by System.Text.Json's Utf8JsonWriter with its default escaping; guids are lowercase "D" format, occurredAt is UTC
/// text yyyy-MM-ddTHH:mm:ss.fffffffZ at microsecond precision, changes is the stored JSON text as a string, absent
/// values are null, and reason is written only when the record has one.
/// Version 1 (the legacy linear chain): v (1), id, tenantId, sequence, occurredAt, actorId, actorName, action,
/// entityType, entityId, changes, correlationId, clientIp, userAgent, previousHash, reason.
/// Version 2 (the Merkle log): the same without sequence and previousHash; the record's position is its leaf index.
/// The hash is lowercase hex; a legacy chain's first record has a previousHash of 64 zeros.
/// </summary>
internal static class AuditHash
{
    public static readonly string Genesis = new('0', 64);

    public static string Of(AuditRecord record) => Convert.ToHexStringLower(SHA256.HashData(Canonical(record)));

    public static byte[] Canonical(AuditRecord record)
    {
        var legacy = record.Format == AuditRecord.LegacyChainFormat;
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", record.Format);
            json.WriteString("id", Format(record.Id));
            json.WriteString("tenantId", Format(record.TenantId));
            if (legacy)
            {
                json.WriteNumber("sequence", record.Sequence ?? 0);
            }

            json.WriteString("occurredAt", InstantStorage.ToSqliteText(record.OccurredAt));
            json.WriteString("actorId", record.ActorId is { } actor ? Format(actor) : null);
            json.WriteString("actorName", record.ActorName);
            json.WriteString("action", record.Action);
            json.WriteString("entityType", record.EntityType);
            json.WriteString("entityId", record.EntityId);
            json.WriteString("changes", record.Changes);
            json.WriteString("correlationId", record.CorrelationId);
            json.WriteString("clientIp", record.ClientIp);
            json.WriteString("userAgent", record.UserAgent);
            if (legacy)
            {
                json.WriteString("previousHash", record.PreviousHash);
            }

            if (record.Reason is not null)
            {
                json.WriteString("reason", record.Reason);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Format(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
