using System.Text.Json;

namespace HealthCore.Tests.Modules.Admissions;

public abstract class CensusTests(AdmissionsApp app)
{
    [Fact]
    public async Task The_census_at_a_past_instant_puts_each_patient_in_the_bed_they_held_then_across_transfers()
    {
        var adt = new Adt(app);
        var t = DateTimeOffset.UtcNow;
        Guid wardA, wardB, a1, a2, b1, b2;
        using (adt.At(t.AddHours(-10)))
        {
            wardA = await adt.WardAsync();
            wardB = await adt.WardAsync();
            a1 = await adt.BedAsync(wardA);
            a2 = await adt.BedAsync(wardA);
            b1 = await adt.BedAsync(wardB);
            b2 = await adt.BedAsync(wardB);
        }

        var (p1, p2, p3, p4) = (adt.Patient(), adt.Patient(), adt.Patient(), adt.Patient());
        var first = await AdmitAtAsync(adt, p1, a1, t.AddHours(-8));
        await adt.TransferAsync(first, new TransferBody(b1, "Needs telemetry", TransferredAt: t.AddHours(-5)));
        var second = await AdmitAtAsync(adt, p2, a2, t.AddHours(-6));
        await adt.DischargeAsync(second, new DischargeBody("normal", DischargedAt: t.AddHours(-3)));
        await AdmitAtAsync(adt, p3, null, t.AddHours(-4));
        var wrong = await AdmitAtAsync(adt, p4, b2, t.AddHours(-7));
        await adt.PostAsync($"/api/v1/admissions/{wrong}/cancel", new { reason = "Entered for the wrong patient" });

        (await CensusAsync(adt, t.AddHours(-9))).ShouldBeEmpty();
        (await CensusAsync(adt, t.AddHours(-7))).ShouldBe([(p1, a1)]);
        (await CensusAsync(adt, t.AddHours(-5.5))).ShouldBe([(p1, a1), (p2, a2)], ignoreOrder: true);
        (await CensusAsync(adt, t.AddHours(-5))).ShouldBe([(p1, b1), (p2, a2)], ignoreOrder: true);
        (await CensusAsync(adt, t.AddHours(-4))).ShouldBe([(p1, b1), (p2, a2), (p3, null)], ignoreOrder: true);
        (await CensusAsync(adt, t.AddHours(-3))).ShouldBe([(p1, b1), (p3, null)], ignoreOrder: true);
        (await CensusAsync(adt, t.AddHours(-7), $"&wardId={wardA}")).ShouldBe([(p1, a1)]);
        (await CensusAsync(adt, t.AddHours(-4), $"&wardId={wardA}")).ShouldBe([(p2, a2)]);
        (await CensusAsync(adt, t.AddHours(-4), $"&wardId={wardB}")).ShouldBe([(p1, b1)]);
        (await CensusAsync(adt, t.AddHours(-4), $"&facilityId={adt.Facility}")).ShouldBe([(p1, b1), (p2, a2)], ignoreOrder: true);

        var now = await adt.GetAsync("/api/v1/census");
        now.GetProperty("occupied").GetInt32().ShouldBe(1);
        now.GetProperty("pending").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_census_in_the_future_or_of_an_unknown_ward_is_refused()
    {
        var adt = new Adt(app);

        await Adt.ShouldRejectFieldAsync(await adt.Client.GetAsync($"/api/v1/census?at={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}"), "at");
        await ProblemAssertions.ShouldBeProblemAsync(await adt.Client.GetAsync($"/api/v1/census?wardId={Guid.CreateVersion7()}"), HttpStatusCode.NotFound);
        await Adt.ShouldRejectFieldAsync(await adt.Client.GetAsync("/api/v1/census/daily?from=2026-01-10&to=2026-01-09"), "to");
        await Adt.ShouldRejectFieldAsync(await adt.Client.GetAsync("/api/v1/census/daily?from=2026-01-10&to=2026-01-10"), "to");
        await Adt.ShouldRejectFieldAsync(await adt.Client.GetAsync("/api/v1/census/daily?from=2024-01-01&to=2025-12-31"), "to");
        await Adt.ShouldRejectFieldAsync(
            await adt.Client.GetAsync($"/api/v1/census/daily?from=2026-01-01&to={DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)):yyyy-MM-dd}"), "to");
    }

    /// <summary>
    /// Three days in Berlin (UTC+1 in January), every action taken at the app's clock. Midnights are Berlin's: P2
    /// arrives at 00:30 on the 13th local, still the 12th in UTC.
    /// <code>
    /// ward A: A1, A2 (general)   ward B: B1, B2 (ICU)      all four beds exist from the 12th
    /// 13th 00:30 P2 admitted to A2        13th 10:00 P1 admitted to A1     13th 22:00 P1 transferred A1 -> B1
    /// 14th 07:00 A1 marked clean          14th 08:00 P2 discharged          14th 12:00 P3 admitted, waiting for a bed
    /// 14th 18:00 P3 assigned B2           15th 06:00 P1 discharged          15th 12:00 P4 admitted to A1, cancelled 13:00
    /// </code>
    /// </summary>
    [Fact]
    public async Task The_daily_census_of_a_scripted_three_days_matches_the_numbers_worked_out_by_hand()
    {
        var adt = new Adt(app);
        adt.UseTimeZone("Europe/Berlin");
        static DateTimeOffset Berlin(int day, int hour, int minute = 0) => new(2025, 1, day, hour, minute, 0, TimeSpan.FromHours(1));

        Guid wardA, wardB, a1, a2, b1, b2;
        var (p1, p2, p3, p4) = (adt.Patient(), adt.Patient(), adt.Patient(), adt.Patient());
        using (var clock = adt.At(Berlin(12, 9)))
        {
            wardA = await adt.WardAsync();
            wardB = await adt.WardAsync("icu");
            a1 = await adt.BedAsync(wardA);
            a2 = await adt.BedAsync(wardA);
            b1 = await adt.BedAsync(wardB, "icu");
            b2 = await adt.BedAsync(wardB, "icu");

            app.Clock.StopAt(Berlin(13, 0, 30));
            var second = (await adt.AdmitAsync(p2, a2)).GetProperty("id").GetGuid();
            app.Clock.StopAt(Berlin(13, 10));
            var first = (await adt.AdmitAsync(p1, a1)).GetProperty("id").GetGuid();
            app.Clock.StopAt(Berlin(13, 22));
            await adt.TransferAsync(first, new TransferBody(b1, "Respiratory failure", Acuity: "icu"));
            app.Clock.StopAt(Berlin(14, 7));
            await Adt.OkAsync(await adt.PostAsync($"/api/v1/beds/{a1}/mark-clean"));
            app.Clock.StopAt(Berlin(14, 8));
            (await adt.DischargeAsync(second)).GetProperty("discharge").GetProperty("lengthOfStayDays").GetInt32().ShouldBe(1);
            app.Clock.StopAt(Berlin(14, 12));
            var third = (await adt.AdmitAsync(p3, null)).GetProperty("id").GetGuid();
            app.Clock.StopAt(Berlin(14, 18));
            await adt.AssignAsync(b2, third);
            app.Clock.StopAt(Berlin(15, 6));
            (await adt.DischargeAsync(first)).GetProperty("discharge").GetProperty("lengthOfStayDays").GetInt32().ShouldBe(2);
            app.Clock.StopAt(Berlin(15, 12));
            var fourth = (await adt.AdmitAsync(p4, a1)).GetProperty("id").GetGuid();
            app.Clock.StopAt(Berlin(15, 13));
            await Adt.OkAsync(await adt.PostAsync($"/api/v1/admissions/{fourth}/cancel", new { reason = "Wrong patient" }));
        }

        var whole = await DailyAsync(adt, "");
        whole.GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
        // Bed-days: 13th P1 A1 12 h + P1 B1 2 h + P2 A2 23.5 h = 37.5 h; 14th P1 24 h + P2 8 h + P3 6 h = 38 h; 15th P1 6 h + P3 24 h = 30 h.
        // Occupancy over 4 beds, rounded half away from zero. Length of stay in Berlin midnights: P2 13th -> 14th = 1, P1 13th -> 15th = 2.
        Days(whole).ShouldBe(
        [
            new Day("2025-01-13", MidnightCensus: 2, Admissions: 2, Discharges: 0, TransfersIn: 1, TransfersOut: 1, BedDays: 1.56, Beds: 4, Occupancy: 39.1, AverageLos: null),
            new Day("2025-01-14", MidnightCensus: 2, Admissions: 1, Discharges: 1, TransfersIn: 0, TransfersOut: 0, BedDays: 1.58, Beds: 4, Occupancy: 39.6, AverageLos: 1),
            new Day("2025-01-15", MidnightCensus: 1, Admissions: 0, Discharges: 1, TransfersIn: 0, TransfersOut: 0, BedDays: 1.25, Beds: 4, Occupancy: 31.3, AverageLos: 2),
        ]);

        // Ward A (2 beds): 13th 12 h + 23.5 h = 35.5 h, P1 leaves for B; 14th P2's 8 h; the cancelled P4 never counts.
        Days(await DailyAsync(adt, $"&wardId={wardA}")).ShouldBe(
        [
            new Day("2025-01-13", 1, 2, 0, 0, 1, 1.48, 2, 74.0, null),
            new Day("2025-01-14", 0, 0, 1, 0, 0, 0.33, 2, 16.7, 1),
            new Day("2025-01-15", 0, 0, 0, 0, 0, 0, 2, 0, null),
        ]);

        // Ward B (2 beds): 13th P1's 2 h after the transfer in; 14th P1 24 h + P3 6 h; 15th P1 6 h + P3 24 h.
        Days(await DailyAsync(adt, $"&wardId={wardB}")).ShouldBe(
        [
            new Day("2025-01-13", 1, 0, 0, 1, 0, 0.08, 2, 4.2, null),
            new Day("2025-01-14", 2, 1, 0, 0, 0, 1.25, 2, 62.5, null),
            new Day("2025-01-15", 1, 0, 1, 0, 0, 1.25, 2, 62.5, 2),
        ]);

        // The census at an instant agrees with the midnight census.
        (await CensusAsync(adt, Berlin(14, 0))).ShouldBe([(p1, b1), (p2, a2)], ignoreOrder: true);
        (await CensusAsync(adt, Berlin(16, 0))).ShouldBe([(p3, b2)]);
    }

    /// <summary>
    /// The tenant is in Berlin, the ward's facility in New York (UTC-5 in January). P1 is admitted at 03:00 UTC on the
    /// 13th (22:00 on the 12th in New York, 04:00 on the 13th in Berlin) and discharged at 15:00 UTC the same day: one
    /// New York midnight, no Berlin one.
    /// </summary>
    [Fact]
    public async Task A_wards_days_and_lengths_of_stay_are_its_facilitys_time_zones_and_the_whole_hospitals_days_the_tenants()
    {
        var adt = new Adt(app);
        adt.UseTimeZone("Europe/Berlin");
        var newYork = adt.OtherFacility("America/New_York");
        Guid ward, bed;
        var patient = adt.Patient();
        using (adt.At(new DateTimeOffset(2025, 1, 12, 9, 0, 0, TimeSpan.Zero)))
        {
            ward = (await Adt.CreatedAsync(await adt.Client.PostAsJsonAsync("/api/v1/wards", adt.NewWard() with { FacilityId = newYork }))).GetProperty("id").GetGuid();
            bed = await adt.BedAsync(ward);
            app.Clock.StopAt(new DateTimeOffset(2025, 1, 13, 3, 0, 0, TimeSpan.Zero));
            var admission = (await adt.AdmitAsync(patient, bed)).GetProperty("id").GetGuid();
            app.Clock.StopAt(new DateTimeOffset(2025, 1, 13, 15, 0, 0, TimeSpan.Zero));
            (await adt.DischargeAsync(admission)).GetProperty("discharge").GetProperty("lengthOfStayDays").GetInt32().ShouldBe(1);
        }

        var byWard = await adt.GetAsync($"/api/v1/census/daily?from=2025-01-12&to=2025-01-14&wardId={ward}");
        byWard.GetProperty("timeZone").GetString().ShouldBe("America/New_York");
        // New York days: the 12th holds 2 h of the stay and ends with P1 in bed; the 13th the other 10 h and the discharge.
        Days(byWard).ShouldBe(
        [
            new Day("2025-01-12", 1, 1, 0, 0, 0, 0.08, 1, 8.3, null),
            new Day("2025-01-13", 0, 0, 1, 0, 0, 0.42, 1, 41.7, 1),
        ]);
        (await adt.GetAsync($"/api/v1/census/daily?from=2025-01-12&to=2025-01-14&facilityId={newYork}")).GetProperty("timeZone").GetString().ShouldBe("America/New_York");

        // Berlin days for the whole hospital: the 12-hour stay lies within the 13th; its length is still New York's.
        var whole = await adt.GetAsync("/api/v1/census/daily?from=2025-01-12&to=2025-01-14");
        whole.GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
        Days(whole).ShouldBe(
        [
            new Day("2025-01-12", 0, 0, 0, 0, 0, 0, 1, 0, null),
            new Day("2025-01-13", 0, 1, 1, 0, 0, 0.5, 1, 50, 1),
        ]);
    }

    [Fact]
    public async Task The_daily_census_to_is_exclusive_like_every_other_range()
    {
        var adt = new Adt(app);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var one = await adt.GetAsync($"/api/v1/census/daily?from={today.AddDays(-3):yyyy-MM-dd}&to={today.AddDays(-2):yyyy-MM-dd}");
        var upToToday = await adt.GetAsync($"/api/v1/census/daily?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}");

        one.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString()).ShouldBe([$"{today.AddDays(-3):yyyy-MM-dd}"]);
        upToToday.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString())
            .ShouldBe([$"{today.AddDays(-1):yyyy-MM-dd}", $"{today:yyyy-MM-dd}"]);
        await Adt.ShouldRejectFieldAsync(await adt.Client.GetAsync($"/api/v1/census/daily?from=2025-01-01&to={new DateOnly(2025, 1, 1).AddDays(GetDailyCensusMaxDays + 1):yyyy-MM-dd}"), "to");
        await Adt.OkAsync(await adt.Client.GetAsync($"/api/v1/census/daily?from=2025-01-01&to={new DateOnly(2025, 1, 1).AddDays(GetDailyCensusMaxDays):yyyy-MM-dd}"));
    }

    private const int GetDailyCensusMaxDays = HealthCore.Modules.Admissions.GetDailyCensus.MaxDays;

    private sealed record Day(
        string Date, int? MidnightCensus, int Admissions, int Discharges, int TransfersIn, int TransfersOut, double BedDays, int Beds, double? Occupancy,
        double? AverageLos);

    private static List<Day> Days(JsonElement census) =>
    [
        .. census.GetProperty("days").EnumerateArray().Select(d => new Day(
            d.GetProperty("date").GetString()!,
            d.GetProperty("midnightCensus").ValueKind == JsonValueKind.Null ? null : d.GetProperty("midnightCensus").GetInt32(),
            d.GetProperty("admissions").GetInt32(),
            d.GetProperty("discharges").GetInt32(),
            d.GetProperty("transfersIn").GetInt32(),
            d.GetProperty("transfersOut").GetInt32(),
            d.GetProperty("bedDays").GetDouble(),
            d.GetProperty("beds").GetInt32(),
            d.GetProperty("occupancyPercent").ValueKind == JsonValueKind.Null ? null : d.GetProperty("occupancyPercent").GetDouble(),
            d.GetProperty("averageLengthOfStayDays").ValueKind == JsonValueKind.Null ? null : d.GetProperty("averageLengthOfStayDays").GetDouble())),
    ];

    private static Task<JsonElement> DailyAsync(Adt adt, string scope) => adt.GetAsync($"/api/v1/census/daily?from=2025-01-13&to=2025-01-16{scope}");

    private static async Task<Guid> AdmitAtAsync(Adt adt, Guid patient, Guid? bed, DateTimeOffset at) =>
        (await Adt.CreatedAsync(await adt.AdmitAsync(adt.NewAdmission(patient, bed) with { AdmittedAt = at }))).GetProperty("id").GetGuid();

    private static async Task<List<(Guid Patient, Guid? Bed)>> CensusAsync(Adt adt, DateTimeOffset at, string scope = "")
    {
        var census = await adt.GetAsync($"/api/v1/census?at={Uri.EscapeDataString(at.ToString("O"))}{scope}");
        return
        [
            .. census.GetProperty("patients").EnumerateArray().Select(p => (
                p.GetProperty("patientId").GetGuid(),
                p.GetProperty("bedId").ValueKind == JsonValueKind.Null ? (Guid?)null : p.GetProperty("bedId").GetGuid())),
        ];
    }
}

[Collection(AdmissionsPostgresCollection.Name)]
public sealed class CensusTests_on_Postgres(AdmissionsPostgresApp app) : CensusTests(app);

[Collection(AdmissionsSqliteCollection.Name)]
public sealed class CensusTests_on_Sqlite(AdmissionsSqliteApp app) : CensusTests(app);
