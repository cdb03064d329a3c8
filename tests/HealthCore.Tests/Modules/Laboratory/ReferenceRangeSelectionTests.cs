using HealthCore.Modules.Laboratory;
using HealthCore.Modules.Laboratory.Contracts;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>Range selection and interpretation, pure: the rules the results piece will record with every result.</summary>
public sealed class ReferenceRangeSelectionTests
{
    private static readonly DateOnly Born = new(2000, 3, 1);

    private static readonly ReferenceRange[] Haemoglobin =
    [
        new(RangeSex.Any, "P0D", "P28D", null, 140, 220, 70, 250),
        new(RangeSex.Any, "P28D", "P18Y", null, 110, 145, 70, 200),
        new(RangeSex.Female, "P18Y", null, null, 120, 155, 70, 200),
        new(RangeSex.Male, "P18Y", null, null, 130, 175, 70, 200),
        new(RangeSex.Female, "P18Y", null, true, 110, 150, 70, 200),
    ];

    private static DateTimeOffset At(int year, int month, int day, int hour = 12) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_age_band_starts_on_the_birthday_it_names_and_ends_the_day_before_its_upper_bound()
    {
        var patient = new LabPatient(LabPatientSex.Male, Born);

        ReferenceRanges.Select(Haemoglobin, patient, At(2000, 3, 28))!.AgeTo.ShouldBe("P28D", "day 27 of life is in the neonatal band");
        ReferenceRanges.Select(Haemoglobin, patient, At(2000, 3, 29))!.AgeFrom.ShouldBe("P28D", "day 28 begins the next band (ageFrom inclusive)");
        ReferenceRanges.Select(Haemoglobin, patient, At(2018, 2, 28, 23))!.AgeTo.ShouldBe("P18Y", "the day before the 18th birthday is still a child");
        ReferenceRanges.Select(Haemoglobin, patient, At(2018, 3, 1, 0))!.Sex.ShouldBe(RangeSex.Male, "the 18th birthday is adult (ageTo exclusive)");
    }

    [Fact]
    public void The_most_specific_range_wins_pregnancy_over_sex_over_any()
    {
        var adult = At(2030, 1, 1);

        ReferenceRanges.Select(Haemoglobin, new LabPatient(LabPatientSex.Female, Born, Pregnant: true), adult)!.Low.ShouldBe(110);
        ReferenceRanges.Select(Haemoglobin, new LabPatient(LabPatientSex.Female, Born), adult)!.Low.ShouldBe(120);
        ReferenceRanges.Select(Haemoglobin, new LabPatient(LabPatientSex.Male, Born), adult)!.Low.ShouldBe(130);
        ReferenceRanges.Select(Haemoglobin, new LabPatient(LabPatientSex.Unknown, Born), adult).ShouldBeNull("no range for any sex in adults: none, not an error");
        ReferenceRanges.Select(Haemoglobin, new LabPatient(LabPatientSex.Other, Born), At(2010, 1, 1))!.High.ShouldBe(145, "a child's range is for any sex");
    }

    [Fact]
    public void A_sex_specific_range_beats_the_general_one_for_the_same_ages()
    {
        ReferenceRange[] troponin = [new(RangeSex.Any, "P18Y", null, null, null, 26, null, null), new(RangeSex.Female, "P18Y", null, null, null, 16, null, null)];

        ReferenceRanges.Select(troponin, new LabPatient(LabPatientSex.Female, Born), At(2030, 1, 1))!.High.ShouldBe(16);
        ReferenceRanges.Select(troponin, new LabPatient(LabPatientSex.Male, Born), At(2030, 1, 1))!.High.ShouldBe(26);
        ReferenceRanges.Select(troponin, new LabPatient(LabPatientSex.Male, Born), At(2010, 1, 1)).ShouldBeNull();
    }

    [Fact]
    public void Months_and_years_count_on_the_calendar_from_the_birth_date()
    {
        var leapling = new DateOnly(2004, 2, 29);

        AgeBound.Parse("P1Y").ReachedOn(leapling).ShouldBe(new DateOnly(2005, 2, 28));
        AgeBound.Parse("P1M").ReachedOn(new DateOnly(2001, 1, 31)).ShouldBe(new DateOnly(2001, 2, 28));
        AgeBound.Parse("P2W").ReachedOn(Born).ShouldBe(new DateOnly(2000, 3, 15));
        AgeBound.TryParse("P1Y6M", out _).ShouldBeFalse();
        AgeBound.TryParse("18y", out _).ShouldBeFalse();
        AgeBound.TryParse("P151Y", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(2.79, "CriticalLow")]
    [InlineData(2.8, "Low")]
    [InlineData(3.49, "Low")]
    [InlineData(3.5, "Normal")]
    [InlineData(5.1, "Normal")]
    [InlineData(5.11, "High")]
    [InlineData(6.2, "High")]
    [InlineData(6.21, "CriticalHigh")]
    public void Reference_limits_are_inclusive_and_critical_limits_exclusive(double value, string expected)
    {
        var potassium = new LabReferenceRange("2823-3", "mmol/L", "any", "P18Y", null, null, 3.5m, 5.1m, 2.8m, 6.2m);

        potassium.Interpret((decimal)value).ToString().ShouldBe(expected);
    }

    [Fact]
    public void A_range_with_only_an_upper_limit_reads_everything_below_it_as_normal()
    {
        var troponin = new LabReferenceRange("89579-7", "ng/L", "female", "P18Y", null, null, null, 16, null, null);

        troponin.Interpret(0).ShouldBe(LabInterpretation.Normal);
        troponin.Interpret(16).ShouldBe(LabInterpretation.Normal);
        troponin.Interpret(17).ShouldBe(LabInterpretation.High);
    }

    [Theory]
    [InlineData("absolute", 1.0, 4.0, 5.0, false)]
    [InlineData("absolute", 1.0, 4.0, 5.01, true)]
    [InlineData("absolute", 1.0, 4.0, 2.9, true)]
    [InlineData("percent", 50, 2.0, 3.0, false)]
    [InlineData("percent", 50, 2.0, 3.01, true)]
    [InlineData("percent", 50, 0, 0.1, true)]
    public void A_delta_exceeds_its_limit_only_beyond_it(string kind, double limit, double previous, double current, bool exceeded) =>
        new LabDeltaLimit(kind, (decimal)limit).IsExceeded((decimal)previous, (decimal)current).ShouldBe(exceeded);
}
