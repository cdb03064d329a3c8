using System.Data.Common;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

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

    /// <summary>Where this app anchors its checkpoints (Audit:AnchorDirectory).</summary>
    public string AnchorDirectory { get; } = Path.Combine(Path.GetTempPath(), "healthcore-anchors-" + Guid.NewGuid().ToString("N"));

    internal bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>Runs SQL on the app's database; {audit_records} and friends name the audit tables on either provider.</summary>
    internal async Task<int> ExecuteAsync(string sql, bool bypassAppendOnly, params (string Name, object Value)[] parameters)
    {
        await using DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        if (IsPostgres && bypassAppendOnly)
        {
            // What a superuser tampering with the table could do: ordinary triggers do not fire for a replica session.
            await using var replica = connection.CreateCommand();
            replica.CommandText = "SET session_replication_role = replica";
            await replica.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = AuditTables(sql);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>An id as the provider stores it: uuid on PostgreSQL, upper-case text on SQLite.</summary>
    internal object Id(Guid id) => IsPostgres ? id : id.ToString().ToUpperInvariant();

    private string AuditTables(string sql)
    {
        foreach (var table in new[] { "audit_records", "audit_leaves", "audit_seal_cursors", "audit_tree_heads", "audit_chain_heads" })
        {
            sql = sql.Replace("{" + table + "}", IsPostgres ? $"audit.{table}" : table, StringComparison.Ordinal);
        }

        return sql;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Events:Enabled", "false");
        builder.UseSetting("Audit:CheckpointInterval", "00:00:00.200");
        builder.UseSetting("Audit:AnchorDirectory", AnchorDirectory);
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
