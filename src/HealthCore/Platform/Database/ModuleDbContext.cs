using System.Linq.Expressions;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Events;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace HealthCore.Platform.Database;

/// <summary>
/// Base of every module's DbContext: its own schema and migration history, snake_case names,
/// the instant storage convention, tenant stamping and filtering, version bumping and the module's outbox.
/// </summary>
internal abstract class ModuleDbContext(DbContextOptions options, ICurrentTenant currentTenant) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__migrations";

    /// <summary>Names of the query filters: every tenant-owned entity has the tenant one; facility-owned entities add the facility one.</summary>
    public const string TenantFilterName = "tenant";

    public const string FacilityFilterName = "facility";

    /// <summary>The module's schema on PostgreSQL; on SQLite (no schemas) table names must be unique across modules.</summary>
    public abstract string Schema { get; }

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    internal Guid? CurrentTenantId => currentTenant.TenantId;

    internal Guid? CurrentUserId => currentTenant.UserId;

    /// <summary>For facility query filters (<c>e => AllFacilities || CurrentFacilityIds.Contains(e.FacilityId)</c>); EF re-reads both per query.</summary>
    internal bool AllFacilities => currentTenant.Facilities.All;

    internal Guid[] CurrentFacilityIds => [.. currentTenant.Facilities.Ids];

    internal FacilityAccess FacilityAccess => currentTenant.Facilities;

    internal PendingAudit PendingAudit { get; } = new();

    /// <summary>Only the Audit module's migrations create the audit tables every module writes to.</summary>
    protected virtual bool OwnsAuditTrail => false;

    /// <summary>A statement without results to send with the next query, in its round trip (see <see cref="StatementBatching"/>).</summary>
    internal string? StatementBeforeNextQuery { get; set; }

    internal bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Queues an integration event; it is written to the outbox in the same transaction as the change.</summary>
    public void Publish<TEvent>(TEvent integrationEvent, DateTimeOffset occurredAt)
        where TEvent : class =>
        Outbox.Add(OutboxMessage.For(integrationEvent, occurredAt, CurrentTenantId));

    /// <summary>Audits this entity's change in the next SaveChanges under a domain verb (e.g. "discharge") instead of create/update/delete.</summary>
    public void AuditAs(object entity, string action) => PendingAudit.SetAction(entity, action);

    /// <summary>Adds an audit record that is not an entity change (e.g. a read of a patient's record) to the next SaveChanges.</summary>
    public void AuditEvent(string action, string entityType, string? entityId) => PendingAudit.Add(new AuditEvent(action, entityType, entityId));

    /// <summary>Stores why the change is made (e.g. "correcting a misspelt name") with every audit record of the next SaveChanges.</summary>
    public void AuditReason(string? reason) => PendingAudit.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    protected abstract void ConfigureModule(ModelBuilder modelBuilder);

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
#pragma warning disable EF1001 // the provider's options extension is the only way to tell the provider apart this early
        if (optionsBuilder.Options.FindExtension<SqliteOptionsExtension>() is not null)
#pragma warning restore EF1001
        {
            new Microsoft.EntityFrameworkCore.Infrastructure.SqliteDbContextOptionsBuilder(optionsBuilder)
                .MigrationsHistoryTable($"{MigrationsHistoryTable}_{Schema}");
        }
        else
        {
            new NpgsqlDbContextOptionsBuilder(optionsBuilder).MigrationsHistoryTable(MigrationsHistoryTable, Schema);
        }

        // Hand-written migrations have no model snapshot; the drift tests prove migrations match the model instead.
        optionsBuilder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        InstantStorage.Configure(configurationBuilder, IsSqlite);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        ConfigureModule(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(outbox => OutboxMessage.Configure(outbox, Schema));
        AuditRecord.Configure(modelBuilder, OwnsAuditTrail, IsSqlite);
        ApplyTenantConventions(modelBuilder);
        SnakeCaseNaming.Apply(modelBuilder);
    }

    // Audited saves run in a transaction (the caller's, or one opened here) so that AuditInterceptor's records commit
    // or roll back with the change.
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenantAndVersion();
        if (Database.CurrentTransaction is not null || !AuditInterceptor.HasWork(this))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false; // a failure rolls this transaction back whole: a savepoint would be two wasted statements
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenantAndVersion();
        if (Database.CurrentTransaction is not null || !AuditInterceptor.HasWork(this))
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.BeginTransaction();
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false;
        try
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            transaction.Commit();
            return saved;
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private void StampTenantAndVersion()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry is { State: EntityState.Added, Entity: ITenantOwned owned } && owned.TenantId == Guid.Empty)
            {
                owned.TenantId = CurrentTenantId
                    ?? throw new InvalidOperationException($"Cannot insert {entry.Entity.GetType().Name} without a current tenant.");
            }

            if (entry is { State: EntityState.Modified, Entity: IVersioned versioned })
            {
                versioned.Version++;
            }
        }
    }

    private void ApplyTenantConventions(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.BaseType is null && !e.IsOwned()))
        {
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }

            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).HasIndex(nameof(ITenantOwned.TenantId));
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(TenantFilterName, TenantFilter(entity.ClrType));
            }
        }
    }

    private LambdaExpression TenantFilter(Type entityType)
    {
        // e => e.TenantId == this.CurrentTenantId; EF re-reads CurrentTenantId from each context instance.
        var entity = Expression.Parameter(entityType, "e");
        var tenantId = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, current), entity);
    }
}
