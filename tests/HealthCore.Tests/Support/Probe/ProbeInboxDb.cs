using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Tests.Support.Probe;

/// <summary>A second probe module that consumes the probe module's integration events.</summary>
internal sealed class ProbeInboxDb(DbContextOptions<ProbeInboxDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "probeinbox";

    public override string Schema => SchemaName;

    public DbSet<ProbeInboxEntry> Received => Set<ProbeInboxEntry>();

    protected override void ConfigureModule(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<ProbeInboxEntry>(entry =>
        {
            entry.ToTable("probeinbox_received");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Handler).HasMaxLength(300);
            entry.Property(e => e.Title).HasMaxLength(200);
            entry.HasIndex(e => e.NoteId);
        });
}

[DbContext(typeof(ProbeInboxDb))]
[Migration("202611230001_ProbeInbox_Initial")]
internal sealed class ProbeInboxInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(ProbeInboxDb.SchemaName);
        migrationBuilder.CreateOutboxTable(ProbeInboxDb.SchemaName);
        migrationBuilder.CreateTable(
            name: "probeinbox_received",
            schema: ProbeInboxDb.SchemaName,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                message_id = c.Column<Guid>(nullable: false),
                handler = c.Column<string>(maxLength: 300, nullable: false),
                note_id = c.Column<Guid>(nullable: false),
                title = c.Column<string>(maxLength: 200, nullable: false),
                tenant_id = c.Column<Guid>(nullable: true),
                attempt = c.Column<int>(nullable: false),
                received_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_probeinbox_received", x => x.id));
        migrationBuilder.CreateIndex("ix_probeinbox_received_note_id", "probeinbox_received", "note_id", ProbeInboxDb.SchemaName);
    }
}
