using HealthCore.Platform.Database;

namespace HealthCore.Modules.Practitioners;

internal enum PractitionerRole
{
    Physician,
    Nurse,
    Technician,
    Pharmacist,
    Therapist,
    Other,
}

internal sealed class Practitioner : ITenantOwned, IVersioned, INameSorted
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public string? Family { get; private set; }

    public IReadOnlyList<string> Given { get; private set; } = [];

    public IReadOnlyList<string> Prefix { get; private set; } = [];

    public IReadOnlyList<string> Suffix { get; private set; } = [];

    public PractitionerRole Role { get; private set; }

    public IReadOnlyList<Coding> Specialties { get; private set; } = [];

    public IReadOnlyList<License> Licenses { get; private set; } = [];

    public IReadOnlyList<string> Credentials { get; private set; } = [];

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    // A user of the Identity module in the same tenant; at most one practitioner per user.
    public Guid? UserId { get; private set; }

    public bool Active { get; private set; } = true;

    // " FAMILY GIVEN1 GIVEN2": name order and word-prefix search on family and given names.
    public string SortName { get; private set; } = "";

    // "|CODE1|CODE2|": the specialty filter is a substring match on both providers.
    public string SpecialtyCodes { get; private set; } = "|";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<Membership> Memberships { get; init; } = [];

    public string DisplayName => string.Join(' ', Prefix.Concat(Given).Append(Family ?? "").Concat(Suffix).Where(part => part.Length > 0));

    public static string SpecialtyCodeOf(string code) => $"|{code.Trim().ToUpperInvariant()}|";

    public void Apply(PractitionerInput input)
    {
        var name = input.Name!;
        Family = string.IsNullOrWhiteSpace(name.Family) ? null : name.Family.Trim();
        Given = Trimmed(name.Given);
        Prefix = Trimmed(name.Prefix);
        Suffix = Trimmed(name.Suffix);
        Role = input.Role!.Value;
        Specialties = [.. (input.Specialties ?? []).Select(s => new Coding(Blank(s.System), s.Code.Trim(), Blank(s.Display)))];
        Licenses = [.. (input.Licenses ?? []).Select(l => new License(l.Number.Trim(), l.IssuingAuthority.Trim(), l.ExpiresOn))];
        Credentials = Trimmed(input.Credentials);
        Phone = input.Contact?.Phone;
        Email = input.Contact?.Email;
        UserId = input.UserId;
        Active = input.Active;
        SortName = NameSearch.SortKey([Family, .. Given]);
        SpecialtyCodes = "|" + string.Concat(Specialties.Select(s => SpecialtyCodeOf(s.Code)[1..]).Distinct());
    }

    /// <summary>Makes the memberships equal the requested ones, keeping rows whose department and start are unchanged.</summary>
    public void SetMemberships(IReadOnlyList<MembershipInput> requested)
    {
        var kept = new List<Membership>();
        foreach (var input in requested)
        {
            var privileges = Trimmed(input.Privileges).Distinct(StringComparer.Ordinal).ToArray();
            var existing = Memberships.Except(kept).FirstOrDefault(m => m.DepartmentId == input.DepartmentId && m.EffectiveFrom == input.EffectiveFrom);
            if (existing is null)
            {
                existing = new Membership { PractitionerId = Id, DepartmentId = input.DepartmentId!.Value, EffectiveFrom = input.EffectiveFrom };
                Memberships.Add(existing);
            }

            existing.EffectiveTo = input.EffectiveTo;
            if (!existing.Privileges.SequenceEqual(privileges))
            {
                existing.Privileges = privileges;
            }

            kept.Add(existing);
        }

        // Removed from a required relationship, EF deletes the row.
        Memberships.RemoveAll(m => !kept.Contains(m));
    }

    public PractitionerInput ToInput() => new(
        new HumanName(Family, Given, Prefix, Suffix),
        Role,
        Specialties,
        Licenses,
        Credentials,
        ContactDetails.Of(Phone, Email),
        UserId,
        [.. OrderedMemberships().Select(m => new MembershipInput(m.DepartmentId, m.Privileges, m.EffectiveFrom, m.EffectiveTo))],
        Active);

    public IEnumerable<Membership> OrderedMemberships() =>
        Memberships.OrderBy(m => m.EffectiveFrom ?? DateTimeOffset.MinValue).ThenBy(m => m.DepartmentId);

    private static string[] Trimmed(IReadOnlyList<string>? texts) => [.. (texts ?? []).Select(t => t.Trim())];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A practitioner's membership of a department, with the privileges it grants there, for a period.</summary>
internal sealed class Membership : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid PractitionerId { get; init; }

    public Guid DepartmentId { get; init; }

    public IReadOnlyList<string> Privileges { get; set; } = [];

    // Null: since always.
    public DateTimeOffset? EffectiveFrom { get; init; }

    // Exclusive; null: open-ended.
    public DateTimeOffset? EffectiveTo { get; set; }

    public bool IsInEffectAt(DateTimeOffset instant) =>
        (EffectiveFrom is null || EffectiveFrom <= instant) && (EffectiveTo is null || instant < EffectiveTo);
}
