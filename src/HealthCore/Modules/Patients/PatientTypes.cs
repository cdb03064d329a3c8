using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Patients;

// The FHIR Patient-aligned parts of a patient record: request shapes and, as JSON, the stored form.

internal enum AdministrativeGender
{
    Male,
    Female,
    Other,
    Unknown,
}

internal enum MaritalStatus
{
    Single,
    Married,
    Divorced,
    Widowed,
    Separated,
    DomesticPartner,
    Unknown,
}

internal enum ContactPointSystem
{
    Phone,
    Email,
}

internal enum ContactPointUse
{
    Home,
    Work,
    Mobile,
    Temp,
    Old,
}

internal enum AddressUse
{
    Home,
    Work,
    Temp,
    Old,
    Billing,
}

internal enum ConsentScope
{
    Treatment,
    Research,
    Privacy,
    AdvanceDirective,
}

/// <summary>An identifier such as an MRN of another facility, a national id, a passport or an insurance member id.</summary>
internal sealed record Identifier(
    [property: Required, StringLength(200, MinimumLength = 1)] string System,
    [property: Required, StringLength(100, MinimumLength = 1)] string Value);

internal sealed record HumanName(
    [property: Required, StringLength(PatientFormats.MaxNameLength)] string Family,
    [property: MaxLength(5)] IReadOnlyList<string>? Given = null,
    [property: MaxLength(5)] IReadOnlyList<string>? Prefix = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        PatientFormats.EachString(Given, "given", PatientFormats.MaxNameLength, required: true)
            .Concat(PatientFormats.EachString(Prefix, "prefix", 20, required: true));
}

internal sealed record ContactPoint(
    [property: Required] ContactPointSystem? System,
    [property: Required, StringLength(254), Description("For system phone: E.164, e.g. +14155550123; for email: an email address.")] string Value,
    ContactPointUse? Use = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Value is null)
        {
            yield break;
        }

        if (System == ContactPointSystem.Phone && !PatientFormats.IsPhone(Value))
        {
            yield return new ValidationResult(PatientFormats.PhoneRule, ["value"]);
        }
        else if (System == ContactPointSystem.Email && !PatientFormats.IsEmail(Value))
        {
            yield return new ValidationResult("The email address is malformed.", ["value"]);
        }
    }
}

internal sealed record Address(
    AddressUse? Use = null,
    [property: MaxLength(4)] IReadOnlyList<string>? Line = null,
    [property: StringLength(100)] string? City = null,
    [property: StringLength(100)] string? District = null,
    [property: StringLength(100)] string? State = null,
    [property: StringLength(20)] string? PostalCode = null,
    [property: RegularExpression("^[A-Z]{2}$", ErrorMessage = "The country must be an ISO 3166-1 alpha-2 code such as US.")] string? Country = null)
    : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        PatientFormats.EachString(Line, "line", 200, required: true);
}

internal sealed record EmergencyContact(
    [property: Required, StringLength(200)] string Name,
    [property: StringLength(50)] string? Relationship = null,
    [property: StringLength(20), RegularExpression(ContactFormats.E164Pattern, ErrorMessage = PatientFormats.PhoneRule)] string? Phone = null,
    [property: StringLength(254)] string? Email = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Email is not null && !PatientFormats.IsEmail(Email))
        {
            yield return new ValidationResult("The email address is malformed.", ["email"]);
        }
    }
}

internal sealed record Surgery(
    [property: Required, StringLength(200)] string Procedure,
    DateOnly? Date = null,
    [property: StringLength(2000)] string? Notes = null);

internal sealed record Consent(
    [property: Required] ConsentScope? Scope,
    [property: StringLength(500)] string? PolicyReference = null,
    [property: Required] DateOnly? GrantedOn = null,
    DateOnly? RevokedOn = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RevokedOn is { } revoked && GrantedOn is { } granted && revoked < granted)
        {
            yield return new ValidationResult("A consent cannot be revoked before it was granted.", ["revokedOn"]);
        }
    }
}

internal static partial class PatientFormats
{
    public const int MaxNameLength = 100;

    public const string PhoneRule = "A phone number must be in E.164 form, e.g. +14155550123.";

    public static bool IsPhone(string value) => ContactFormats.IsE164Phone(value);

    public static bool IsEmail(string value) => value.Length <= 254 && Email().IsMatch(value);

    /// <summary>Element rules for lists of strings, reported as e.g. "given[1]".</summary>
    public static IEnumerable<ValidationResult> EachString(IReadOnlyList<string>? values, string name, int maxLength, bool required)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i];
            if (required && string.IsNullOrWhiteSpace(value))
            {
                yield return new ValidationResult("The value must not be empty.", [$"{name}[{i}]"]);
            }
            else if (value?.Length > maxLength)
            {
                yield return new ValidationResult($"The value must be at most {maxLength} characters.", [$"{name}[{i}]"]);
            }
        }
    }

    [GeneratedRegex("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$")]
    private static partial Regex Email();
}
