using System.ComponentModel.DataAnnotations;

namespace HealthCore.Modules.Identity;

/// <summary>
/// The length rule of <see cref="PasswordPolicy"/> as an attribute, so the OpenAPI document states it (minLength,
/// maxLength); the handler still checks the rest of the policy (well-known passwords, the username).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class NewPasswordAttribute : StringLengthAttribute
{
    public NewPasswordAttribute()
        : base(PasswordPolicy.MaximumLength)
    {
        MinimumLength = PasswordPolicy.MinimumLength;
        ErrorMessage = $"The password must be {PasswordPolicy.MinimumLength} to {PasswordPolicy.MaximumLength} characters long.";
    }
}
