using HealthCore.Platform.Database;

namespace HealthCore.Modules.Laboratory;

internal enum LabTestKind
{
    Test,
    Panel,
}

/// <summary>What a result of the test holds (FHIR Observation.value[x]): a quantity, one of the allowed answers, free text or a titre/ratio.</summary>
internal enum LabValueType
{
    Quantity,
    Coded,
    Text,
    Ratio,
}

internal enum RangeSex
{
    Any,
    Female,
    Male,
}

internal enum DeltaKind
{
    Absolute,
    Percent,
}

internal sealed record LabSpecimen(string Type, string? Container, decimal? VolumeMl);

/// <summary>Target minutes from order to verified result, per order priority (FHIR request priority).</summary>
internal sealed record TurnaroundTargets(int? Routine, int? Urgent, int? Asap, int? Stat);

/// <summary>How far a result may move from the patient's previous one before it is held for review.</summary>
internal sealed record DeltaCheck(DeltaKind Kind, decimal Limit);

/// <summary>
/// The reference interval of a quantity for patients of a sex, an age band (from inclusive, to exclusive, as ISO 8601
/// durations since birth) and optionally a pregnancy state, with its critical (panic) limits.
/// </summary>
internal sealed record ReferenceRange(
    RangeSex Sex, string AgeFrom, string? AgeTo, bool? Pregnant, decimal? Low, decimal? High, decimal? CriticalLow, decimal? CriticalHigh);

/// <summary>A tenant's definition of a test or panel in its laboratory catalogue, coded with LOINC where one exists.</summary>
internal sealed class LabTest : ITenantOwned, IVersioned
{
    public const int CodeLength = 32;
    public const int DisplayLength = 300;
    public const int TextLength = 200;
    public const int UnitLength = 64;
    public const int SearchKeyLength = 4000;
    public const int JsonLength = 20_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public required string Code { get; init; }

    public string Display { get; set; } = "";

    public LabTestKind Kind { get; set; }

    public string[] Synonyms { get; set; } = [];

    /// <summary>Code, display and synonyms folded with SearchText, for q.</summary>
    public string SearchKey { get; set; } = "";

    public LabSpecimen? Specimen { get; set; }

    public string? Method { get; set; }

    public LabValueType? ValueType { get; set; }

    public string? Unit { get; set; }

    public string[] Answers { get; set; } = [];

    public TurnaroundTargets? Turnaround { get; set; }

    public int? MinimumRetestIntervalMinutes { get; set; }

    public string? PriceCode { get; set; }

    public DeltaCheck? DeltaCheck { get; set; }

    /// <summary>Member codes of a panel, in report order; members may be panels themselves (never in a cycle).</summary>
    public string[] Members { get; set; } = [];

    public ReferenceRange[] Ranges { get; set; } = [];

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Marks that a version of the starter catalogue was loaded into a tenant, so it is loaded once and never over the tenant's edits.</summary>
internal sealed class StarterCatalogLoad : ITenantOwned
{
    public Guid TenantId { get; set; }

    public int CatalogVersion { get; init; }

    public DateTimeOffset LoadedAt { get; init; }
}
