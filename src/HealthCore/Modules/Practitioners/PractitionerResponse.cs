namespace HealthCore.Modules.Practitioners;

/// <summary>
/// A practitioner as stored, plus what holds now: which memberships are in effect (<c>departments[].active</c>,
/// <c>activeDepartmentIds</c>, <c>activePrivileges</c>) and which licences have expired.
/// </summary>
internal sealed record PractitionerResponse(
    Guid Id,
    HumanName Name,
    string DisplayName,
    PractitionerRole Role,
    IReadOnlyList<Coding> Specialties,
    IReadOnlyList<LicenseResponse> Licenses,
    IReadOnlyList<string> Credentials,
    ContactDetails? Contact,
    Guid? UserId,
    bool Active,
    IReadOnlyList<MembershipResponse> Departments,
    IReadOnlyList<Guid> ActiveDepartmentIds,
    IReadOnlyList<string> ActivePrivileges,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PractitionerResponse From(Practitioner practitioner, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var memberships = practitioner.OrderedMemberships().ToList();
        var active = memberships.Where(m => m.IsInEffectAt(now)).ToList();
        return new PractitionerResponse(
            practitioner.Id,
            new HumanName(practitioner.Family, practitioner.Given, practitioner.Prefix, practitioner.Suffix),
            practitioner.DisplayName,
            practitioner.Role,
            practitioner.Specialties,
            [.. practitioner.Licenses.Select(l => new LicenseResponse(l.Number, l.IssuingAuthority, l.ExpiresOn, l.ExpiresOn < today))],
            practitioner.Credentials,
            ContactDetails.Of(practitioner.Phone, practitioner.Email),
            practitioner.UserId,
            practitioner.Active,
            [.. memberships.Select(m => new MembershipResponse(m.DepartmentId, m.Privileges, m.EffectiveFrom, m.EffectiveTo, m.IsInEffectAt(now)))],
            [.. active.Select(m => m.DepartmentId).Distinct()],
            [.. active.SelectMany(m => m.Privileges).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            practitioner.Version,
            practitioner.CreatedAt,
            practitioner.UpdatedAt);
    }
}

/// <param name="Expired">True once the expiry date has passed (the licence is valid through <c>expiresOn</c>).</param>
internal sealed record LicenseResponse(string Number, string IssuingAuthority, DateOnly? ExpiresOn, bool Expired);

/// <param name="Active">True when the membership is in effect now.</param>
internal sealed record MembershipResponse(
    Guid DepartmentId, IReadOnlyList<string> Privileges, DateTimeOffset? EffectiveFrom, DateTimeOffset? EffectiveTo, bool Active);
