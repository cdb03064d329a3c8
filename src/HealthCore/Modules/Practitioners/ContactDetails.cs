using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Practitioners;

internal sealed record ContactDetails(
    [StringLength(16), RegularExpression(ContactFormats.E164Pattern, ErrorMessage = "Use E.164 format: + then country code and number, e.g. +14155550123.")]
    string? Phone = null,
    [StringLength(254), RegularExpression(ContactDetails.EmailPattern, ErrorMessage = "Use an e-mail address such as name@example.org.")]
    string? Email = null)
{
    public const string EmailPattern = @"^[^@\s]+@[^@\s]+\.[^@\s]+$";

    public static ContactDetails? Of(string? phone, string? email) => phone is null && email is null ? null : new(phone, email);
}
