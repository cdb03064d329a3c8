namespace HealthCore.Modules.Identity.Contracts;

/// <summary>The current tenant's settings, defaults applied.</summary>
/// <param name="DefaultSlotMinutes">Length of an appointment slot unless a schedule says otherwise (5..240).</param>
/// <param name="BookingHorizonDays">How far ahead appointments may be booked (1..730).</param>
/// <param name="LowStockThreshold">Stock level at or below which an item counts as low (0 or more).</param>
/// <param name="MrnFormat">Medical record number template with exactly one <c>{seq:000000}</c> token; see <see cref="MrnFormats"/>.</param>
/// <param name="TimeZone">IANA time zone of the tenant, the default for its facilities.</param>
/// <param name="Currency">ISO 4217 code of the tenant's currency.</param>
/// <param name="Features">Every known feature toggle with its effective value.</param>
internal sealed record TenantSettings(int DefaultSlotMinutes, int BookingHorizonDays, int LowStockThreshold,
    string MrnFormat, string TimeZone, string Currency, IReadOnlyDictionary<string, bool> Features);

/// <summary>Reads the current tenant's settings.</summary>
internal interface ITenantSettings
{
    /// <summary>The settings of the tenant the current request (or <c>ActAs</c> scope) acts for, defaults applied.</summary>
    Task<TenantSettings> GetAsync(CancellationToken cancellationToken);
}

/// <summary>The feature toggle names of <see cref="TenantSettings.Features"/>.</summary>
internal static class FeatureToggles
{
    /// <summary>Send appointment reminders to patients.</summary>
    public const string AppointmentReminders = "appointmentReminders";

    /// <summary>Offer a freed slot to the first waitlisted patient automatically.</summary>
    public const string WaitlistAutoPromotion = "waitlistAutoPromotion";

    /// <summary>Patients may use the patient portal.</summary>
    public const string PatientPortal = "patientPortal";

    /// <summary>Patients may book appointments online themselves.</summary>
    public const string OnlineBooking = "onlineBooking";

    /// <summary>Release laboratory results inside their reference range with no flag without a second person's verification.</summary>
    public const string LabAutoVerification = "labAutoVerification";
}

/// <summary>Medical record numbers from <see cref="TenantSettings.MrnFormat"/>.</summary>
internal static class MrnFormats
{
    /// <summary>
    /// The format with its <c>{seq:0...}</c> token replaced by <paramref name="sequence"/>, zero-padded to the number of
    /// zeros in the token (longer numbers are not cut): <c>MRN-{seq:000000}</c> and 42 give <c>MRN-000042</c>.
    /// </summary>
    public static string Apply(string format, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var start = format.IndexOf("{seq:", StringComparison.Ordinal);
        var end = start < 0 ? -1 : format.IndexOf('}', start);
        if (end < 0)
        {
            throw new FormatException($"'{format}' has no {{seq:0...}} token.");
        }

        var width = end - start - "{seq:".Length;
        return string.Concat(
            format.AsSpan(0, start),
            sequence.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0'),
            format.AsSpan(end + 1));
    }
}
