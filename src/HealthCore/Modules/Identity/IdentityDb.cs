using System.Text.Json;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HealthCore.Modules.Identity;

internal sealed class IdentityDb(DbContextOptions<IdentityDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "identity";

    public override string Schema => SchemaName;

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Facility> Facilities => Set<Facility>();

    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<TenantConfiguration> TenantConfigurations => Set<TenantConfiguration>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>(tenant =>
        {
            tenant.ToTable("tenants");
            tenant.HasKey(t => t.Id);
            tenant.Property(t => t.Code).HasMaxLength(50);
            tenant.Property(t => t.Name).HasMaxLength(200);
            tenant.HasIndex(t => t.Code).IsUnique();
        });

        modelBuilder.Entity<Facility>(facility =>
        {
            facility.ToTable("facilities");
            facility.HasKey(f => f.Id);
            facility.Property(f => f.Code).HasMaxLength(50);
            facility.Property(f => f.Name).HasMaxLength(200);
            facility.Property(f => f.Address).HasMaxLength(500);
            facility.Property(f => f.Phone).HasMaxLength(50);
            // Defaults only for the rows that existed before these columns (migration 202611291010); inserts always
            // send both (Active's sentinel is true, so an explicit false is sent too).
            facility.Property(f => f.TimeZone).HasMaxLength(IanaTimeZoneAttribute.MaxLength).HasDefaultValue(TenantSettingsRules.DefaultTimeZone);
            facility.Property(f => f.Active).HasDefaultValue(true).HasSentinel(true);
            facility.HasIndex(f => new { f.TenantId, f.Code }).IsUnique();
        });

        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Username).HasMaxLength(100);
            user.Property(u => u.NormalizedUsername).HasMaxLength(100);
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.PasswordHash).HasMaxLength(500);
            user.Property(u => u.SecurityStamp).HasMaxLength(64);
            user.Property(u => u.Roles).HasMaxLength(500).HasConversion(
                roles => string.Join(',', roles),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries),
                new ValueComparer<string[]>((a, b) => a!.SequenceEqual(b!), v => string.Join(',', v).GetHashCode(StringComparison.Ordinal), v => v.ToArray()));
            user.Property(u => u.FacilityIds).HasMaxLength(4000).HasConversion(
                ids => string.Join(',', ids),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToArray(),
                new ValueComparer<Guid[]>((a, b) => a!.SequenceEqual(b!), v => v.Length, v => v.ToArray()));
            user.HasIndex(u => new { u.TenantId, u.NormalizedUsername }).IsUnique();
        });

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.HasIndex(t => t.UserId);
        });

        modelBuilder.Entity<TenantConfiguration>(settings =>
        {
            settings.ToTable("tenant_settings");
            settings.HasKey(s => s.Id);
            settings.HasIndex(s => s.TenantId).IsUnique();
            settings.Property(s => s.MrnFormat).HasMaxLength(TenantSettingsRules.MrnFormatMaxLength);
            settings.Property(s => s.TimeZone).HasMaxLength(IanaTimeZoneAttribute.MaxLength);
            settings.Property(s => s.Currency).HasMaxLength(TenantSettingsRules.CurrencyLength);
            settings.Property(s => s.Features).HasMaxLength(2000).HasConversion(
                features => JsonSerializer.Serialize(features, (JsonSerializerOptions?)null),
                text => JsonSerializer.Deserialize<Dictionary<string, bool>>(text, (JsonSerializerOptions?)null) ?? new Dictionary<string, bool>(),
                new ValueComparer<Dictionary<string, bool>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    v => v.Count,
                    v => new Dictionary<string, bool>(v, StringComparer.Ordinal)));
        });
    }
}
