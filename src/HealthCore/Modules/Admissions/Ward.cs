using HealthCore.Platform.Database;

namespace HealthCore.Modules.Admissions;

internal sealed class Ward : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    /// <summary>The site the ward is in; may be corrected later (census by facility then counts the ward's whole history there).</summary>
    public Guid FacilityId { get; set; }

    public Guid? DepartmentId { get; set; }

    public required string Name { get; set; }

    public WardType Type { get; set; }

    /// <summary>The most beds the ward may hold; <see cref="BedCount"/> may not exceed it.</summary>
    public int Capacity { get; set; }

    // Kept on the ward (and so under its version token) so that two beds added at once cannot both take the last place.
    public int BedCount { get; set; }

    public string[] Features { get; set; } = [];

    public GenderPolicy GenderPolicy { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The ward as the document its POST accepts, which a PATCH merges into.</summary>
    public CreateWardRequest ToInput() => new(FacilityId, DepartmentId, Name, Type, Capacity, Features, GenderPolicy);
}
