using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Practitioners;

/// <summary>A practitioner's editable fields: the body of POST, and the document a PATCH merge patch applies to.</summary>
/// <param name="UserId">The user account of the caller's tenant (/api/v1/users) the practitioner signs in with; any other id answers 400 naming userId.</param>
internal sealed partial record PractitionerInput(
    [Required] HumanName? Name,
    [Required] PractitionerRole? Role,
    [MaxLength(20)] IReadOnlyList<Coding>? Specialties = null,
    [MaxLength(20)] IReadOnlyList<License>? Licenses = null,
    [MaxLength(20)] IReadOnlyList<string>? Credentials = null,
    ContactDetails? Contact = null,
    Guid? UserId = null,
    [MaxLength(PractitionerInput.MaxMemberships)] IReadOnlyList<MembershipInput>? Departments = null,
    bool Active = true) : IValidatableObject
{
    public const int MaxMemberships = 50;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = ListRules.NoNulls(Specialties, "specialties")
            .Concat(ListRules.NoNulls(Licenses, "licenses"))
            .Concat(ListRules.NoNulls(Departments, "departments"))
            .Concat(ListRules.Texts(Credentials, "credentials", 30, CredentialPattern(), "Use letters, digits, spaces and . ( ) -, e.g. MD or FRCS(Ed)."));
        foreach (var error in errors)
        {
            yield return error;
        }

        if (UserId == Guid.Empty)
        {
            yield return new ValidationResult("userId must be a user's id, not the empty id.", [nameof(UserId)]);
        }

        // Pairwise, so only within the size limit that [MaxLength] already enforces.
        var memberships = Departments is { Count: <= MaxMemberships } ? Departments : [];
        for (var i = 0; i < memberships.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (memberships[i] is { } later && memberships[j] is { } earlier && later.DepartmentId == earlier.DepartmentId && later.Overlaps(earlier))
                {
                    yield return new ValidationResult($"Overlaps departments[{j}], a membership of the same department.", [$"departments[{i}]"]);
                    break;
                }
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.() -]*$")]
    private static partial Regex CredentialPattern();
}

/// <summary>A person's name, FHIR HumanName aligned: family, given names, prefixes (Dr.) and suffixes (Jr.).</summary>
internal sealed record HumanName(
    [StringLength(100)] string? Family,
    [MaxLength(5)] IReadOnlyList<string>? Given = null,
    [MaxLength(5)] IReadOnlyList<string>? Prefix = null,
    [MaxLength(5)] IReadOnlyList<string>? Suffix = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = ListRules.Texts(Given, "given", 100)
            .Concat(ListRules.Texts(Prefix, "prefix", 50))
            .Concat(ListRules.Texts(Suffix, "suffix", 50));
        foreach (var error in errors)
        {
            yield return error;
        }

        if (string.IsNullOrWhiteSpace(Family) && !(Given ?? []).Any(g => !string.IsNullOrWhiteSpace(g)))
        {
            yield return new ValidationResult("A name needs a family name or at least one given name.", [nameof(Family)]);
        }
    }
}

/// <summary>A code from a code system (FHIR Coding), e.g. a SNOMED CT specialty; <c>system</c> is an absolute URI.</summary>
internal sealed record Coding(
    [StringLength(200)] string? System,
    [Required, StringLength(100), RegularExpression(Coding.CodePattern, ErrorMessage = "A code has no '|', no leading, trailing or repeated spaces.")]
    string Code,
    [StringLength(200)] string? Display = null) : IValidatableObject
{
    public const string CodePattern = @"^[^\s|]+( [^\s|]+)*$";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(System) && !Uri.TryCreate(System, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("system must be an absolute URI, e.g. http://snomed.info/sct.", [nameof(System)]);
        }
    }
}

/// <summary>A licence to practise; it is valid through <c>expiresOn</c> (no date: does not expire).</summary>
internal sealed record License(
    [Required, StringLength(50)] string Number,
    [Required, StringLength(200)] string IssuingAuthority,
    [PlausibleDate] DateOnly? ExpiresOn = null);

/// <summary>A membership of a department with the privileges it grants there (e.g. admit, prescribe), for a period.</summary>
internal sealed partial record MembershipInput(
    [Required] Guid? DepartmentId,
    [MaxLength(30)] IReadOnlyList<string>? Privileges = null,
    DateTimeOffset? EffectiveFrom = null,
    DateTimeOffset? EffectiveTo = null) : IValidatableObject
{
    public bool Overlaps(MembershipInput other) =>
        (other.EffectiveTo is null || EffectiveFrom is null || EffectiveFrom < other.EffectiveTo)
        && (EffectiveTo is null || other.EffectiveFrom is null || other.EffectiveFrom < EffectiveTo);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in ListRules.Texts(Privileges, "privileges", 50, PrivilegePattern(), "Use lower-case letters, digits, '.', '_' or '-', e.g. admit or surgery.general."))
        {
            yield return error;
        }

        if (EffectiveFrom is { } from && EffectiveTo is { } to && to <= from)
        {
            yield return new ValidationResult("effectiveTo must be after effectiveFrom.", [nameof(EffectiveTo)]);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex PrivilegePattern();
}

internal static class ListRules
{
    public static IEnumerable<ValidationResult> NoNulls<T>(IReadOnlyList<T?>? items, string field)
        where T : class
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i] is null)
            {
                yield return new ValidationResult("An item must not be null.", [$"{field}[{i}]"]);
            }
        }
    }

    public static IEnumerable<ValidationResult> Texts(IReadOnlyList<string?>? items, string field, int maxLength, Regex? pattern = null, string? rule = null)
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var text = items![i]?.Trim();
            var error = string.IsNullOrEmpty(text) ? "An item must not be empty."
                : text.Length > maxLength ? $"An item must be at most {maxLength} characters."
                : pattern is not null && !pattern.IsMatch(text) ? rule
                : null;
            if (error is not null)
            {
                yield return new ValidationResult(error, [$"{field}[{i}]"]);
            }
        }
    }
}
