using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Tests.Support.Probe;

internal sealed class ProbeDb(DbContextOptions<ProbeDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "probe";

    public override string Schema => SchemaName;

    public DbSet<ProbeNote> Notes => Set<ProbeNote>();

    protected override void ConfigureModule(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<ProbeNote>(note =>
        {
            note.ToTable("probe_notes");
            note.HasKey(n => n.Id);
            note.Property(n => n.Title).HasMaxLength(200);
        });
}

[DbContext(typeof(ProbeDb))]
[Migration("202611220001_Probe_Initial")]
internal sealed class ProbeInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(ProbeDb.SchemaName);
        migrationBuilder.CreateOutboxTable(ProbeDb.SchemaName);
        migrationBuilder.CreateTable(
            name: "probe_notes",
            schema: ProbeDb.SchemaName,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                title = c.Column<string>(maxLength: 200, nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                due_at = c.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_probe_notes", x => x.id));
        migrationBuilder.CreateIndex("ix_probe_notes_tenant_id", "probe_notes", "tenant_id", ProbeDb.SchemaName);
    }
}
