using System.Collections.Frozen;
using System.Text.RegularExpressions;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Identity;

/// <summary>
/// A tenant's own settings (table tenant_settings, at most one row per tenant). A null column or an absent feature
/// means "not set": the default in <see cref="TenantSettingsRules"/> applies, so a changed default reaches every tenant
/// that never chose otherwise. No row at all is a tenant with only defaults (version 0).
/// </summary>
internal sealed class TenantConfiguration : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public int? DefaultSlotMinutes { get; set; }

    public int? BookingHorizonDays { get; set; }

    public int? LowStockThreshold { get; set; }

    public string? MrnFormat { get; set; }

    public string? TimeZone { get; set; }

    public string? Currency { get; set; }

    public Dictionary<string, bool> Features { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset UpdatedAt { get; set; }

    public TenantSettings ToSettings() => new(
        DefaultSlotMinutes ?? TenantSettingsRules.DefaultSlotMinutes,
        BookingHorizonDays ?? TenantSettingsRules.DefaultBookingHorizonDays,
        LowStockThreshold ?? TenantSettingsRules.DefaultLowStockThreshold,
        MrnFormat ?? TenantSettingsRules.DefaultMrnFormat,
        TimeZone ?? TenantSettingsRules.DefaultTimeZone,
        Currency ?? TenantSettingsRules.DefaultCurrency,
        TenantSettingsRules.FeatureDefaults.OrderBy(feature => feature.Key, StringComparer.Ordinal).ToDictionary(
            feature => feature.Key, feature => Features.TryGetValue(feature.Key, out var chosen) ? chosen : feature.Value, StringComparer.Ordinal));
}

/// <summary>Defaults and the rule each setting must satisfy; a rule answers why a value is refused, or null.</summary>
internal static partial class TenantSettingsRules
{
    public const int DefaultSlotMinutes = 15;
    public const int DefaultBookingHorizonDays = 90;
    public const int DefaultLowStockThreshold = 10;
    public const string DefaultMrnFormat = "MRN-{seq:000000}";
    public const string DefaultTimeZone = "UTC";
    public const string DefaultCurrency = "USD";
    public const int MrnFormatMaxLength = 50;
    public const int CurrencyLength = 3;

    public static FrozenDictionary<string, bool> FeatureDefaults { get; } = new Dictionary<string, bool>
    {
        [FeatureToggles.AppointmentReminders] = true,
        [FeatureToggles.WaitlistAutoPromotion] = true,
        [FeatureToggles.PatientPortal] = false,
        [FeatureToggles.OnlineBooking] = false,
        [FeatureToggles.LabAutoVerification] = false,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // ISO 4217 currencies in circulation (fund and precious-metal codes left out: nobody bills patients in them).
    private static readonly FrozenSet<string> Currencies = """
        AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF
        CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL
        HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD
        MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG
        QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD
        TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
        """.Split((char[])[' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    public static string? CheckSlotMinutes(int minutes) =>
        minutes is >= 5 and <= 240 ? null : "Must be between 5 and 240 minutes.";

    public static string? CheckBookingHorizonDays(int days) =>
        days is >= 1 and <= 730 ? null : "Must be between 1 and 730 days.";

    public static string? CheckLowStockThreshold(int threshold) =>
        threshold >= 0 ? null : "Must be 0 or more.";

    public static string? CheckTimeZone(string timeZone) =>
        Platform.Http.IanaTimeZoneAttribute.IsValid(timeZone) ? null : "Must be an IANA time zone id such as 'Europe/London' or 'UTC'.";

    public static string? CheckCurrency(string currency) =>
        Currencies.Contains(currency) ? null : "Must be an ISO 4217 currency code in upper case, such as 'USD' or 'EUR'.";

    /// <summary>Literal text (no braces or control characters) around exactly one {seq:0...} token of 1 to 18 zeros.</summary>
    public static string? CheckMrnFormat(string format)
    {
        if (format.Length > MrnFormatMaxLength)
        {
            return $"Must be at most {MrnFormatMaxLength} characters.";
        }

        var tokens = SequenceToken().Matches(format);
        if (tokens.Count != 1)
        {
            return "Must contain exactly one {seq:0...} token, e.g. 'MRN-{seq:000000}'.";
        }

        var literal = format.Remove(tokens[0].Index, tokens[0].Length);
        return literal.Any(c => c is '{' or '}' || char.IsControl(c))
            ? "Only the {seq:0...} token may use braces, and control characters are not allowed."
            : null;
    }

    [GeneratedRegex(@"\{seq:0{1,18}\}")]
    private static partial Regex SequenceToken();
}
