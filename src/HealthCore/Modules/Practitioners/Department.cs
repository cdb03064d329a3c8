using HealthCore.Platform.Http;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Practitioners;

internal enum DepartmentType
{
    Clinical,
    Diagnostic,
    Support,
    Administrative,
}

/// <summary>What a department can do; scheduling and admissions match orders and patients against these.</summary>
internal enum DepartmentCapability
{
    Imaging,
    Icu,
    Ccu,
    Nicu,
    Surgery,
    Laboratory,
    Pharmacy,
    Emergency,
    Outpatient,
    Inpatient,
    Maternity,
    Dialysis,
}

internal sealed class Department : ITenantOwned, IVersioned, INameSorted
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public string Name { get; private set; } = "";

    // Codes are case-insensitive: stored upper case, unique per tenant.
    public string Code { get; private set; } = "";

    public DepartmentType Type { get; private set; }

    public string? Specialty { get; private set; }

    // A facility of the Identity module; no cross-module check exists yet.
    public Guid FacilityId { get; private set; }

    // ",icu,imaging,": a capability filter is then a plain substring match on both providers.
    public string CapabilityCodes { get; private set; } = ",";

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public bool Active { get; private set; } = true;

    public string SortName { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<DepartmentCapability> Capabilities =>
        [.. Enum.GetValues<DepartmentCapability>().Where(c => CapabilityCodes.Contains(CodeOf(c), StringComparison.Ordinal))];

    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    public static string CodeOf(DepartmentCapability capability) => $",{QueryEnum.Name(capability)},";

    public void Apply(DepartmentInput input)
    {
        Name = input.Name.Trim();
        Code = NormalizeCode(input.Code);
        Type = input.Type!.Value;
        Specialty = string.IsNullOrWhiteSpace(input.Specialty) ? null : input.Specialty.Trim();
        FacilityId = input.FacilityId!.Value;
        CapabilityCodes = "," + string.Concat((input.Capabilities ?? []).Distinct().Order().Select(c => QueryEnum.Name(c) + ","));
        Phone = input.Contact?.Phone;
        Email = input.Contact?.Email;
        Active = input.Active;
        SortName = NameSearch.SortKey(Name);
    }

    public DepartmentInput ToInput() =>
        new(Name, Code, Type, Specialty, FacilityId, Capabilities, ContactDetails.Of(Phone, Email), Active);
}
