using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Patients;

/// <summary>
/// A registered patient. Lists are stored as JSON text; what search needs (normalised names, birth date, gender) is in
/// columns of their own, and identifiers and phones are also indexed in <see cref="PatientLookupKey"/> rows.
/// </summary>
internal sealed class Patient : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public required string Mrn { get; init; }

    public HumanName Name { get; set; } = new("");

    public IReadOnlyList<HumanName> OtherNames { get; set; } = [];

    // Derived from the names (which are audited): search keys, not information of their own.
    [AuditIgnore]
    public string FamilyKey { get; set; } = "";

    [AuditIgnore]
    public string GivenKey { get; set; } = "";

    public DateOnly BirthDate { get; set; }

    public AdministrativeGender Gender { get; set; }

    /// <summary>Identifiers of systems that are not protected, in clear text.</summary>
    public IReadOnlyList<Identifier> Identifiers { get; set; } = [];

    /// <summary>National ids, passports...: AES-256-GCM ciphertexts with their key id (see <see cref="IdentifierProtector"/>).</summary>
    [Sensitive]
    public IReadOnlyList<ProtectedIdentifier> ProtectedIdentifiers { get; set; } = [];

    /// <summary>The key every protected identifier of this row is encrypted under; lets key rotation find old rows.</summary>
    [AuditIgnore]
    public string? IdentifierKeyId { get; set; }

    public IReadOnlyList<ContactPoint> Telecom { get; set; } = [];

    public IReadOnlyList<Address> Addresses { get; set; } = [];

    public string? PreferredLanguage { get; set; }

    public MaritalStatus? MaritalStatus { get; set; }

    public IReadOnlyList<EmergencyContact> EmergencyContacts { get; set; } = [];

    public Guid? PrimaryPractitionerId { get; set; }

    public bool Deceased { get; set; }

    public DateTimeOffset? DeceasedAt { get; set; }

    public decimal? HeightCm { get; set; }

    public decimal? WeightKg { get; set; }

    public IReadOnlyList<Surgery> PastSurgeries { get; set; } = [];

    public IReadOnlyList<string> CurrentMedications { get; set; } = [];

    public IReadOnlyList<Consent> Consents { get; set; } = [];

    public bool Active { get; set; } = true;

    public DateTimeOffset? DeactivatedAt { get; set; }

    public string? DeactivationReason { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string DisplayName => DisplayNameOf(Name);

    public static string DisplayNameOf(HumanName name) =>
        string.Join(' ', (name.Prefix ?? []).Concat(name.Given ?? []).Append(name.Family).Where(part => part.Length > 0));

    /// <summary>Body mass index in kg/m², when both height and weight are known.</summary>
    public decimal? Bmi => HeightCm is > 0 and var height && WeightKg is { } weight
        ? Math.Round(weight / (height / 100m * (height / 100m)), 1)
        : null;

    /// <summary>Writes the details onto the record (every field: a merge patch has already been merged into them).</summary>
    public void Apply(PatientDetails details, IReadOnlyList<Identifier> plainIdentifiers, IReadOnlyList<ProtectedIdentifier> protectedIdentifiers, string? keyId)
    {
        Name = Normalised(details.Name!);
        OtherNames = [.. (details.OtherNames ?? []).Select(Normalised)];
        FamilyKey = NameKeys.Normalize(Name.Family);
        GivenKey = NameKeys.Normalize(string.Join(' ', Name.Given ?? []));
        BirthDate = details.BirthDate!.Value;
        Gender = details.Gender!.Value;
        Identifiers = plainIdentifiers;
        ProtectedIdentifiers = protectedIdentifiers;
        IdentifierKeyId = protectedIdentifiers.Count == 0 ? null : keyId;
        Telecom = [.. details.Telecom ?? []];
        Addresses = [.. details.Addresses ?? []];
        PreferredLanguage = details.PreferredLanguage;
        MaritalStatus = details.MaritalStatus;
        EmergencyContacts = [.. details.EmergencyContacts ?? []];
        PrimaryPractitionerId = details.PrimaryPractitionerId;
        Deceased = details.Deceased == true || details.DeceasedAt is not null;
        DeceasedAt = details.DeceasedAt;
        HeightCm = details.HeightCm;
        WeightKg = details.WeightKg;
        PastSurgeries = [.. details.PastSurgeries ?? []];
        CurrentMedications = [.. (details.CurrentMedications ?? []).Select(m => m.Trim())];
        Consents = [.. details.Consents ?? []];
    }

    public IEnumerable<string> Phones => Telecom.Where(t => t.System == ContactPointSystem.Phone).Select(t => t.Value).Distinct(StringComparer.Ordinal);

    private static HumanName Normalised(HumanName name) =>
        new(name.Family.Trim(), [.. (name.Given ?? []).Select(g => g.Trim())], [.. (name.Prefix ?? []).Select(p => p.Trim())]);
}

/// <summary>One protected identifier: its system in clear, its value encrypted (base64 nonce | tag | ciphertext).</summary>
internal sealed record ProtectedIdentifier(string System, string KeyId, string Ciphertext);

/// <summary>
/// A search key of a patient: a normalised identifier value (or, for protected systems, its keyed HMAC blind index) or a
/// phone number. Derived from the patient's audited fields and rewritten with them, so not audited itself.
/// </summary>
[NotAudited]
internal sealed class PatientLookupKey : ITenantOwned
{
    public const string PhoneSystem = "phone";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid PatientId { get; init; }

    public required string System { get; init; }

    public required string Key { get; init; }
}

/// <summary>The last MRN sequence number issued in a tenant; incremented atomically, never decremented.</summary>
[NotAudited]
internal sealed class MrnCounter
{
    public Guid TenantId { get; init; }

    public long LastValue { get; set; }
}

/// <summary>
/// One distinct family name key or given names key of a tenant: the vocabulary typo-tolerant search looks close names up
/// in (thousands of rows where patients are millions), before it finds their patients through the name index. Only
/// ever added to; a name no patient has any more just finds nobody.
/// </summary>
[NotAudited]
internal sealed class PatientNameKey : ITenantOwned
{
    public const string Family = "family";
    public const string Given = "given";

    public Guid TenantId { get; set; }

    public required string Kind { get; init; }

    public required string Key { get; init; }
}

/// <summary>
/// One entry of the deletion neighbourhood of a name key's words (symmetric delete, as in SymSpell): the word itself and
/// every string left by deleting one letter (and two, for longer words). A search term within the typing tolerance of a
/// word shares at least one such variant with it, so typo search is a handful of exact index probes.
/// </summary>
[NotAudited]
internal sealed class PatientNameVariant : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string Kind { get; init; }

    public required string Variant { get; init; }

    public required string Key { get; init; }
}
