using System.Text.RegularExpressions;

namespace HealthCore.Modules.Laboratory;

/// <summary>Test codes: LOINC codes (number, hyphen, mod-10 check digit) or a laboratory's local codes for tests LOINC does not name.</summary>
internal static partial class LabCodes
{
    public const string Rule = "A test code is 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit; a LOINC code (digits, '-', check digit) must have its right check digit.";

    public static bool IsValid(string? code) =>
        code is { Length: > 0 and <= LabTest.CodeLength } && Format().IsMatch(code) && (!LoincShape().IsMatch(code) || HasLoincCheckDigit(code));

    /// <summary>LOINC's check digit is the Luhn (mod 10) digit of the number part; it catches a mistyped or transposed digit.</summary>
    public static bool HasLoincCheckDigit(string code)
    {
        var digits = code.Replace("-", "", StringComparison.Ordinal);
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
        }

        return sum % 10 == 0;
    }

    public static bool LooksLikeLoinc(string code) => LoincShape().IsMatch(code);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();

    [GeneratedRegex("^[0-9]{1,7}-[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex LoincShape();
}
