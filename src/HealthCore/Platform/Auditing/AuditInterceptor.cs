using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HealthCore.Platform.Auditing;

/// <summary>
/// Appends an audit record for every audited change (and every queued <see cref="AuditEvent"/>) to the tenant's chain,
/// inside the transaction that <see cref="ModuleDbContext"/> opens for the save, so the change and its record commit
/// or roll back together. Appends to one chain are serialised by locking the chain head row first: an upsert that
/// takes the row lock on PostgreSQL (and the database write lock on SQLite) before the head is read.
/// </summary>
internal sealed class AuditInterceptor(IHttpContextAccessor accessor, TimeProvider clock) : SaveChangesInterceptor
{
    public const string Masked = "***";

    private static readonly JsonSerializerOptions ValueJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static bool IsAudited(IEntityType entity) =>
        !entity.IsOwned() && entity.ClrType.GetCustomAttribute<NotAuditedAttribute>() is null;

    public static bool HasWork(ModuleDbContext db) =>
        db.PendingAudit.Events.Count > 0
        || db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e.Metadata));

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ModuleDbContext db && Prepare(db) is { Count: > 0 } records)
        {
            foreach (var chain in records.GroupBy(r => r.TenantId).OrderBy(chain => chain.Key))
            {
                var head = LockHead(db, chain.Key).AsNoTracking().AsEnumerable().Single();
                Append(db, chain, head);
            }
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ModuleDbContext db && Prepare(db) is { Count: > 0 } records)
        {
            foreach (var chain in records.GroupBy(r => r.TenantId).OrderBy(chain => chain.Key))
            {
                var head = (await LockHead(db, chain.Key).AsNoTracking().ToListAsync(cancellationToken)).Single();
                Append(db, chain, head);
            }
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Forget(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Saved records need no tracking; records of a failed save must not be saved again by a retry, which will
    /// append fresh ones (the failed transaction's head update rolls back with it).
    /// </summary>
    private static void Forget(DbContext? context)
    {
        if (context is not ModuleDbContext db)
        {
            return;
        }

        db.PendingAudit.Clear();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is AuditRecord or AuditChainHead).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Locks the chain head and reads it in one round trip: creates the head on a chain's first append, otherwise a
    /// no-op update, which takes the row lock. The lock is held until commit, so the fewer round trips follow it the better.
    /// </summary>
    private static IQueryable<AuditChainHead> LockHead(ModuleDbContext db, Guid chain)
    {
        var entity = db.Model.FindEntityType(typeof(AuditChainHead))!;
        var table = db.IsSqlite ? $"\"{entity.GetTableName()}\"" : $"\"{entity.GetSchema()}\".\"{entity.GetTableName()}\"";
        var sql = $"INSERT INTO {table} AS h (tenant_id, last_sequence, last_hash) VALUES ({{0}}, 0, {{1}}) "
            + "ON CONFLICT (tenant_id) DO UPDATE SET last_sequence = h.last_sequence "
            + "RETURNING tenant_id, last_sequence, last_hash";
        return db.Set<AuditChainHead>().FromSqlRaw(sql, chain, AuditHash.Genesis);
    }

    /// <summary>Links the records to the head and moves the head, both in the save's own batch (no extra round trip).</summary>
    private static void Append(ModuleDbContext db, IEnumerable<AuditRecordDraft> chain, AuditChainHead head)
    {
        var sequence = head.LastSequence;
        var hash = head.LastHash;
        foreach (var draft in chain)
        {
            var record = draft.ToRecord(++sequence, hash);
            record.Hash = AuditHash.Of(record);
            hash = record.Hash;
            db.Add(record);
        }

        var moved = db.Attach(new AuditChainHead { TenantId = head.TenantId, LastSequence = sequence, LastHash = hash });
        moved.Property(h => h.LastSequence).IsModified = true;
        moved.Property(h => h.LastHash).IsModified = true;
    }

    private List<AuditRecordDraft> Prepare(ModuleDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e.Metadata))
            .ToList();
        if (entries.Count == 0 && db.PendingAudit.Events.Count == 0)
        {
            return [];
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audited changes must be saved in a transaction; ModuleDbContext.SaveChanges opens one.");
        }

        var context = AuditActor.Of(accessor.HttpContext, db.CurrentUserId);
        var now = clock.GetUtcNow();
        var drafts = new List<AuditRecordDraft>();
        foreach (var entry in entries)
        {
            var tenant = entry.Entity is ITenantOwned owned ? owned.TenantId : db.CurrentTenantId ?? AuditRecord.PlatformChain;
            var action = db.PendingAudit.ActionFor(entry.Entity) ?? entry.State switch
            {
                EntityState.Added => "create",
                EntityState.Deleted => "delete",
                _ => "update",
            };
            drafts.Add(new AuditRecordDraft(tenant, now, context, action, entry.Metadata.ClrType.Name, KeyOf(entry), Changes(entry), db.PendingAudit.Reason));
        }

        foreach (var pending in db.PendingAudit.Events)
        {
            drafts.Add(new AuditRecordDraft(
                pending.TenantId ?? db.CurrentTenantId ?? AuditRecord.PlatformChain,
                pending.OccurredAt ?? now,
                pending.Actor ?? context,
                pending.Action,
                pending.EntityType,
                pending.EntityId,
                null,
                db.PendingAudit.Reason));
        }

        return drafts;
    }

    private static string? KeyOf(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { } key
            ? string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)))
            : null;

    /// <summary>Changed fields as a JSON array of { field, before, after }, ordered by field name.</summary>
    private static string Changes(EntityEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var property in entry.Properties.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
            {
                var metadata = property.Metadata;
                if (IsIgnored(metadata) || metadata.Name == nameof(ITenantOwned.TenantId))
                {
                    continue;
                }

                var before = entry.State == EntityState.Added ? null : property.OriginalValue;
                var after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
                if (entry.State == EntityState.Modified && (!property.IsModified || Equals(before, after)))
                {
                    continue;
                }

                var masked = metadata.PropertyInfo?.GetCustomAttribute<SensitiveAttribute>() is not null;
                json.WriteStartObject();
                json.WriteString("field", JsonNamingPolicy.CamelCase.ConvertName(metadata.Name));
                WriteValue(json, "before", before, masked, entry.State == EntityState.Added);
                WriteValue(json, "after", after, masked, entry.State == EntityState.Deleted);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // A safety net under [AuditIgnore]: credential material is left out even when nobody remembered to mark it.
    private static bool IsIgnored(IProperty property) =>
        property.PropertyInfo?.GetCustomAttribute<AuditIgnoreAttribute>() is not null
        || property.Name.EndsWith("Hash", StringComparison.OrdinalIgnoreCase)
        || property.Name.Contains("Password", StringComparison.OrdinalIgnoreCase)
        || property.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase);

    private static void WriteValue(Utf8JsonWriter json, string name, object? value, bool masked, bool absent)
    {
        json.WritePropertyName(name);
        if (absent || (value is null && !masked))
        {
            json.WriteNullValue();
        }
        else if (masked)
        {
            json.WriteStringValue(Masked);
        }
        else
        {
            JsonSerializer.Serialize(json, value, value!.GetType(), ValueJson);
        }
    }

    private sealed record AuditRecordDraft(
        Guid TenantId, DateTimeOffset OccurredAt, AuditActor Context, string Action, string EntityType, string? EntityId, string? Changes, string? Reason)
    {
        public AuditRecord ToRecord(long sequence, string previousHash) => new()
        {
            Id = Guid.CreateVersion7(),
            TenantId = TenantId,
            Sequence = sequence,
            OccurredAt = InstantStorage.ToStoredPrecision(OccurredAt),
            ActorId = Context.ActorId,
            ActorName = Context.ActorName,
            Action = Action,
            EntityType = EntityType,
            EntityId = EntityId,
            Changes = Changes,
            Reason = Reason,
            CorrelationId = Context.CorrelationId,
            ClientIp = Context.ClientIp,
            UserAgent = Context.UserAgent,
            PreviousHash = previousHash,
        };
    }
}
