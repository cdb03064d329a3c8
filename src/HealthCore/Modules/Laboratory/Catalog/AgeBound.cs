using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// An age as an ISO 8601 duration of one unit (P28D, P6W, P6M, P18Y), counted on the calendar from the birth date:
/// a patient born on 2000-03-01 is P18Y old from 2018-03-01. Paediatric bands need days, adult bands years.
/// </summary>
internal readonly partial record struct AgeBound(int Amount, char Unit)
{
    public const string Rule = "An age is an ISO 8601 duration of one unit: P<n>D, P<n>W, P<n>M or P<n>Y (for example P28D or P18Y), n at most 150 years.";

    public static AgeBound Zero { get; } = new(0, 'D');

    public static bool TryParse(string? text, out AgeBound bound)
    {
        bound = Zero;
        if (text is null || Format().Match(text) is not { Success: true } match
            || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        bound = new AgeBound(amount, match.Groups[2].Value[0]);
        return bound.ApproximateDays <= 150 * 366;
    }

    public static AgeBound Parse(string text) =>
        TryParse(text, out var bound) ? bound : throw new FormatException($"'{text}' is not an age: {Rule}");

    /// <summary>The date on which someone born on <paramref name="birthDate"/> reaches this age.</summary>
    public DateOnly ReachedOn(DateOnly birthDate) => Unit switch
    {
        'D' => birthDate.AddDays(Amount),
        'W' => birthDate.AddDays(7 * Amount),
        'M' => birthDate.AddMonths(Amount),
        _ => birthDate.AddYears(Amount),
    };

    /// <summary>For ordering bands of different units (overlap checks): a year is 365.25 days, a month 30.44.</summary>
    public double ApproximateDays => Unit switch
    {
        'D' => Amount,
        'W' => 7.0 * Amount,
        'M' => 30.44 * Amount,
        _ => 365.25 * Amount,
    };

    public override string ToString() => $"P{Amount.ToString(CultureInfo.InvariantCulture)}{Unit}";

    [GeneratedRegex("^P([0-9]{1,5})([DWMY])$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
