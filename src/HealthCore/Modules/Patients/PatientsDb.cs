using System.Text.Json;
using System.Text.Json.Serialization;
using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthCore.Modules.Patients;

internal sealed class PatientsDb(DbContextOptions<PatientsDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "patients";

    /// <summary>How lists are written to their JSON columns (also what the audit trail shows for them).</summary>
    public static readonly JsonSerializerOptions ColumnJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public override string Schema => SchemaName;

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<PatientLookupKey> LookupKeys => Set<PatientLookupKey>();

    public DbSet<MrnCounter> MrnCounters => Set<MrnCounter>();

    public DbSet<PatientNameKey> NameKeys => Set<PatientNameKey>();

    public DbSet<PatientNameVariant> NameVariants => Set<PatientNameVariant>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Patient>(patient =>
        {
            patient.ToTable("patients");
            patient.HasKey(p => p.Id);
            patient.Ignore(p => p.DisplayName);
            patient.Ignore(p => p.Bmi);
            patient.Ignore(p => p.Phones);
            patient.Property(p => p.Mrn).HasMaxLength(50);
            SearchKey(patient.Property(p => p.FamilyKey).HasMaxLength(100));
            SearchKey(patient.Property(p => p.GivenKey).HasMaxLength(200));
            patient.Property(p => p.Gender).HasConversion<string>().HasMaxLength(10);
            patient.Property(p => p.MaritalStatus).HasConversion<string>().HasMaxLength(20);
            patient.Property(p => p.PreferredLanguage).HasMaxLength(35);
            patient.Property(p => p.IdentifierKeyId).HasMaxLength(100);
            patient.Property(p => p.DeactivationReason).HasMaxLength(500);
            patient.Property(p => p.HeightCm).HasPrecision(6, 2);
            patient.Property(p => p.WeightKg).HasPrecision(6, 2);
            Json(patient.Property(p => p.Name));
            Json(patient.Property(p => p.OtherNames));
            Json(patient.Property(p => p.Identifiers));
            Json(patient.Property(p => p.ProtectedIdentifiers));
            Json(patient.Property(p => p.Telecom));
            Json(patient.Property(p => p.Addresses));
            Json(patient.Property(p => p.EmergencyContacts));
            Json(patient.Property(p => p.PastSurgeries));
            Json(patient.Property(p => p.CurrentMedications));
            Json(patient.Property(p => p.Consents));

            // MRNs are unique per tenant and, because the counter only grows, never issued twice.
            patient.HasIndex(p => new { p.TenantId, p.Mrn }).IsUnique();

            // Prefix search on family names walks this index in result order; given names have their own for ?given=.
            patient.HasIndex(p => new { p.TenantId, p.FamilyKey, p.GivenKey, p.Id });
            patient.HasIndex(p => new { p.TenantId, p.GivenKey });
            patient.HasIndex(p => new { p.TenantId, p.BirthDate });
            patient.HasIndex(p => p.IdentifierKeyId);
        });

        modelBuilder.Entity<PatientLookupKey>(key =>
        {
            key.ToTable("patient_lookup_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.System).HasMaxLength(200);
            key.Property(k => k.Key).HasMaxLength(128);
            key.HasIndex(k => new { k.TenantId, k.System, k.Key });
            key.HasIndex(k => k.PatientId);
        });

        modelBuilder.Entity<PatientNameKey>(name =>
        {
            name.ToTable("patient_name_keys");
            name.InsertOrKeepExisting();
            name.HasKey(n => new { n.TenantId, n.Kind, n.Key });
            name.Property(n => n.Kind).HasMaxLength(10);
            SearchKey(name.Property(n => n.Key).HasMaxLength(200));
        });

        modelBuilder.Entity<PatientNameVariant>(variant =>
        {
            variant.ToTable("patient_name_variants");
            variant.InsertOrKeepExisting();
            variant.HasKey(v => new { v.TenantId, v.Kind, v.Variant, v.Key });
            variant.Property(v => v.Kind).HasMaxLength(10);
            SearchKey(variant.Property(v => v.Variant).HasMaxLength(100));
            SearchKey(variant.Property(v => v.Key).HasMaxLength(200));
        });

        modelBuilder.Entity<MrnCounter>(counter =>
        {
            counter.ToTable("patient_mrn_counters");
            counter.HasKey(c => c.TenantId);
        });
    }

    // Keys are ASCII; the "C" collation makes a prefix a plain byte range that the btree index serves (SQLite's
    // default BINARY collation already is).
    private void SearchKey(PropertyBuilder<string> property)
    {
        if (!IsSqlite)
        {
            property.UseCollation("C");
        }
    }

    private static void Json<T>(PropertyBuilder<T> property) =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, ColumnJson),
            text => JsonSerializer.Deserialize<T>(text, ColumnJson)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, ColumnJson) == JsonSerializer.Serialize(b, ColumnJson),
                value => JsonSerializer.Serialize(value, ColumnJson).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, ColumnJson), ColumnJson)!));
}
