using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HealthCore.Platform.Auditing;

/// <summary>
/// Adds an audit record for every audited change (and every queued <see cref="AuditEvent"/>) to the save's own batch,
/// inside the transaction that <see cref="ModuleDbContext"/> opens for the save, so the change and its record commit
/// or roll back together. Nothing shared is read or locked: the record carries no position; the database stamps it
/// with the writing transaction's id and the Audit module's sealer later gives it its leaf in the tenant's tree.
/// Changed values are written in the API's JSON forms (the HTTP layer's serializer options).
/// </summary>
internal sealed class AuditInterceptor(IHttpContextAccessor accessor, TimeProvider clock, AuditEpoch epoch, IOptions<JsonOptions> apiJson)
    : SaveChangesInterceptor
{
    public const string Masked = "***";

    public static bool IsAudited(IEntityType entity) =>
        !entity.IsOwned() && entity.ClrType.GetCustomAttribute<NotAuditedAttribute>() is null;

    public static bool HasWork(ModuleDbContext db) =>
        db.PendingAudit.Events.Count > 0
        || db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e.Metadata));

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Append(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Append(eventData.Context);
        return ValueTask.FromResult(result);
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
    /// add fresh ones.
    /// </summary>
    private static void Forget(DbContext? context)
    {
        if (context is not ModuleDbContext db)
        {
            return;
        }

        db.PendingAudit.Clear();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is AuditRecord).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private void Append(DbContext? context)
    {
        if (context is not ModuleDbContext db)
        {
            return;
        }

        var stamp = epoch.Current;
        foreach (var draft in Prepare(db))
        {
            var record = draft.ToRecord(stamp);
            record.Hash = AuditHash.Of(record);
            db.Add(record);
        }
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
    private string Changes(EntityEntry entry)
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

    private void WriteValue(Utf8JsonWriter json, string name, object? value, bool masked, bool absent)
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
            JsonSerializer.Serialize(json, value, value!.GetType(), apiJson.Value.SerializerOptions);
        }
    }

    private sealed record AuditRecordDraft(
        Guid TenantId, DateTimeOffset OccurredAt, AuditActor Context, string Action, string EntityType, string? EntityId, string? Changes, string? Reason)
    {
        public AuditRecord ToRecord(int epoch) => new()
        {
            Id = Guid.CreateVersion7(),
            TenantId = TenantId,
            Format = AuditRecord.LogFormat,
            Epoch = epoch,
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
        };
    }
}
