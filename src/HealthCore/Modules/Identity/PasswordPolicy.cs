using System.Collections.Frozen;

namespace HealthCore.Modules.Identity;

/// <summary>
/// Length over composition rules (NIST SP 800-63B): at least 12 characters, not a well-known password, not the
/// username. The list is small on purpose; it catches what attackers try first.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;
    public const string Rule = "At least 12 characters, not a well-known password and not the username (NIST SP 800-63B).";

    private static readonly FrozenSet<string> Common = new[]
    {
        "123456789012", "1234567890123", "12345678901234", "qwertyuiopas", "qwerty123456", "password1234",
        "password12345", "password123456", "passwordpassword", "iloveyou1234", "welcome12345", "welcome123456",
        "letmein12345", "changeme1234", "changeme12345", "administrator", "administrator1", "admin1234567",
        "adminadmin12", "qwertyqwerty", "abcdefghijkl", "abc123abc123", "111111111111", "000000000000",
        "aaaaaaaaaaaa", "trustno1trustno1", "football1234", "baseball1234", "sunshine1234", "princess1234",
        "hospital1234", "hospital12345", "healthcare123", "healthcore123", "healthcore1234", "doctor123456",
        "nurse1234567", "p@ssw0rd1234", "passw0rd1234", "correcthorsebatterystaple", "1q2w3e4r5t6y",
        "zaq12wsxcde3", "q1w2e3r4t5y6", "monkey123456", "dragon123456", "summer202420", "winter202420",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why the password is unacceptable, or null when it is fine.</summary>
    public static string? Check(string password, string? username = null)
    {
        if (password.Length < MinimumLength)
        {
            return $"The password must be at least {MinimumLength} characters long.";
        }

        if (password.Length > MaximumLength)
        {
            return $"The password must be at most {MaximumLength} characters long.";
        }

        if (Common.Contains(password) || password.Distinct().Count() < 4)
        {
            return "The password is too common or too repetitive; choose a longer phrase.";
        }

        if (username is not null && password.Contains(username.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not contain the username.";
        }

        return null;
    }
}
