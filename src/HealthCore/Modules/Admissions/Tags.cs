using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace HealthCore.Modules.Admissions;

/// <summary>A short list of short, distinct, non-blank labels (e.g. a ward's features).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class TagsAttribute(int maxCount, int maxLength) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null)
        {
            return ValidationResult.Success;
        }

        var tags = ((IEnumerable)value).Cast<string?>().ToList();
        if (tags.Count > maxCount)
        {
            return new ValidationResult($"At most {maxCount} entries are allowed.");
        }

        if (tags.Any(tag => string.IsNullOrWhiteSpace(tag) || tag.Length > maxLength || tag.Any(char.IsControl)))
        {
            return new ValidationResult($"Each entry must be 1 to {maxLength} printable characters.");
        }

        return tags.Distinct(StringComparer.OrdinalIgnoreCase).Count() == tags.Count
            ? ValidationResult.Success
            : new ValidationResult("Entries must be distinct.");
    }
}
