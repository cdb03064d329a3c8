using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Tests.Modules.Audit;

/// <summary>
/// The app on a database of its own with a test module holding secrets. The outbox dispatcher is off, so that event
/// handlers (whose writes are audited too) add no records to the chains the tests count.
/// </summary>
public abstract class AuditApp : HealthCoreApp
{
    private protected AuditApp(DatabaseProvider provider)
        : base(provider, "audit")
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Events:Enabled", "false");
        builder.ConfigureServices(services => services.AddModuleDb<CredentialsDb>());
    }
}

public sealed class AuditPostgresApp() : AuditApp(DatabaseProvider.Postgres);

public sealed class AuditSqliteApp() : AuditApp(DatabaseProvider.Sqlite);

[CollectionDefinition(Name)]
public sealed class AuditPostgresCollection : ICollectionFixture<AuditPostgresApp>
{
    public const string Name = "Audit on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class AuditSqliteCollection : ICollectionFixture<AuditSqliteApp>
{
    public const string Name = "Audit on SQLite";
}

/// <summary>A tenant-owned row with a secret that is never audited and a sensitive value that is audited masked.</summary>
internal sealed class Credential : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public required string Username { get; set; }

    [AuditIgnore]
    public required string ApiKey { get; set; }

    public required string PasswordHash { get; set; }

    [Sensitive]
    public string? NationalId { get; set; }
}

internal sealed class CredentialsDb(DbContextOptions<CredentialsDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "credentials_probe";

    public override string Schema => SchemaName;

    public DbSet<Credential> Credentials => Set<Credential>();

    protected override void ConfigureModule(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Credential>(credential =>
        {
            credential.ToTable("probe_credentials");
            credential.HasKey(c => c.Id);
            credential.Property(c => c.Username).HasMaxLength(100);
        });
}

[DbContext(typeof(CredentialsDb))]
[Migration("202611220001_CredentialsProbe_Initial")]
internal sealed class CredentialsProbeInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(CredentialsDb.SchemaName);
        migrationBuilder.CreateOutboxTable(CredentialsDb.SchemaName);
        migrationBuilder.CreateTable(
            name: "probe_credentials",
            schema: CredentialsDb.SchemaName,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                username = c.Column<string>(maxLength: 100, nullable: false),
                api_key = c.Column<string>(nullable: false),
                password_hash = c.Column<string>(nullable: false),
                national_id = c.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_probe_credentials", x => x.id));
    }
}
