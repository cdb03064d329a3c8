using System.Security.Cryptography;
using System.Text;

namespace HealthCore.Platform.Seeding;

/// <summary>What one seeding run shares between module seeders: the demo tenant, its facilities, the sizes asked for.</summary>
internal sealed class DemoSeedContext(int patientCount)
{
    /// <summary>Every random choice (<see cref="DemoRandom"/>) starts from this seed, so every run produces the same data.</summary>
    public const int RandomSeed = 20261122;

    /// <summary>The first demo practitioners who are physicians or nurses have user accounts (id <c>IdFor("user", index)</c>), so the care they give is signed by someone.</summary>
    public const int StaffWithAccounts = 10;

    /// <summary>Laboratory orders the demo places (ids <c>IdFor("order", index)</c>) and the laboratory then works.</summary>
    public const int LabOrders = 16;

    public int PatientCount { get; } = patientCount;

    public Guid TenantId { get; set; }

    public List<Guid> FacilityIds { get; } = [];

    /// <summary>Each demo facility's IANA time zone, for seeders that lay out wall-clock schedules.</summary>
    public Dictionary<Guid, string> FacilityTimeZones { get; } = [];

    /// <summary>
    /// The same id for the same tenant, kind and index on every run (an RFC 9562 version 8 UUID from SHA-256), so
    /// seeders in other modules can refer to each other's rows and a rerun recognises what exists.
    /// </summary>
    public Guid IdFor(string kind, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{TenantId:N}/{kind}/{index}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
