using HealthCore.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Scheduling;

public sealed class SlotGridTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Nine_oclock_in_London_is_09_00Z_before_the_spring_change_and_08_00Z_after_it()
    {
        var schedule = Schedule("Europe/London", "09:00", "10:00", 30);

        var saturday = SlotGrid.On(schedule, London, new DateOnly(2027, 3, 27), []).ToList();
        var monday = SlotGrid.On(schedule, London, new DateOnly(2027, 3, 29), []).ToList();

        saturday.Select(s => s.StartsAt).ShouldBe([Utc("2027-03-27T09:00Z"), Utc("2027-03-27T09:30Z")]);
        monday.Select(s => s.StartsAt).ShouldBe([Utc("2027-03-29T08:00Z"), Utc("2027-03-29T08:30Z")]);
        monday.Select(s => Slot.Local(s.LocalStart)).ShouldBe(["2027-03-29T09:00:00+01:00", "2027-03-29T09:30:00+01:00"]);
    }

    [Fact]
    public void In_New_York_the_autumn_change_moves_the_utc_instant_an_hour_later()
    {
        var schedule = Schedule("America/New_York", "08:00", "09:00", 60);

        SlotGrid.On(schedule, NewYork, new DateOnly(2027, 11, 6), []).Single().StartsAt.ShouldBe(Utc("2027-11-06T12:00Z"));
        SlotGrid.On(schedule, NewYork, new DateOnly(2027, 11, 8), []).Single().StartsAt.ShouldBe(Utc("2027-11-08T13:00Z"));
    }

    [Fact]
    public void Slots_in_the_hour_skipped_in_spring_are_not_offered_and_the_rest_stay_contiguous_in_utc()
    {
        var schedule = Schedule("Europe/London", "00:00", "03:00", 30);

        var slots = SlotGrid.On(schedule, London, new DateOnly(2027, 3, 28), []).ToList();

        slots.Select(s => Slot.Local(s.LocalStart)).ShouldBe(
            ["2027-03-28T00:00:00+00:00", "2027-03-28T00:30:00+00:00", "2027-03-28T02:00:00+01:00", "2027-03-28T02:30:00+01:00"]);
        slots.Select(s => s.StartsAt).ShouldBe(
            [Utc("2027-03-28T00:00Z"), Utc("2027-03-28T00:30Z"), Utc("2027-03-28T01:00Z"), Utc("2027-03-28T01:30Z")]);
    }

    [Fact]
    public void The_hour_repeated_in_autumn_is_offered_once_at_its_first_occurrence()
    {
        var schedule = Schedule("Europe/London", "00:00", "03:00", 60);

        var slots = SlotGrid.On(schedule, London, new DateOnly(2027, 10, 31), []).ToList();

        slots.Select(s => s.StartsAt).ShouldBe([Utc("2027-10-30T23:00Z"), Utc("2027-10-31T00:00Z"), Utc("2027-10-31T02:00Z")]);
        slots[1].LocalStart.Offset.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void Blocked_dates_and_days_outside_the_schedule_have_no_slots()
    {
        var schedule = Schedule("UTC", "09:00", "10:00", 30, weekdaysOnly: true);
        var block = new ScheduleBlock { ScheduleId = schedule.Id, FromDate = new DateOnly(2027, 5, 3), ToDate = new DateOnly(2027, 5, 4), Reason = "Leave" };

        SlotGrid.On(schedule, TimeZoneInfo.Utc, new DateOnly(2027, 5, 3), [block]).ShouldBeEmpty();
        SlotGrid.On(schedule, TimeZoneInfo.Utc, new DateOnly(2027, 5, 5), [block]).Count().ShouldBe(2);
        SlotGrid.On(schedule, TimeZoneInfo.Utc, new DateOnly(2027, 5, 8), []).ShouldBeEmpty(); // a Saturday
    }

    [Fact]
    public void An_interval_off_the_slot_boundaries_occupies_every_slot_it_touches()
    {
        var schedule = Schedule("UTC", "09:00", "12:00", 30);

        var slots = SlotGrid.Covering(schedule, TimeZoneInfo.Utc, Utc("2027-05-05T09:15Z"), Utc("2027-05-05T09:45Z"));

        slots!.Select(s => s.StartsAt).ShouldBe([Utc("2027-05-05T09:00Z"), Utc("2027-05-05T09:30Z")]);
        SlotGrid.Covering(schedule, TimeZoneInfo.Utc, Utc("2027-05-05T11:45Z"), Utc("2027-05-05T12:15Z")).ShouldBeNull();
        SlotGrid.Covering(schedule, TimeZoneInfo.Utc, Utc("2027-05-05T08:45Z"), Utc("2027-05-05T09:15Z")).ShouldBeNull();
    }

    private static Schedule Schedule(string zone, string start, string end, int slotMinutes, bool weekdaysOnly = false) => new()
    {
        ResourceKey = "practitioner:test",
        TimeZone = zone,
        DayMask = HealthCore.Modules.Scheduling.Schedule.MaskOf(
            Enum.GetValues<DayOfWeek>().Where(day => !weekdaysOnly || day is not (DayOfWeek.Saturday or DayOfWeek.Sunday))),
        StartTime = TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
        EndTime = TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
        SlotMinutes = slotMinutes,
        Capacity = 1,
        EffectiveFrom = new DateOnly(2027, 1, 1),
    };

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
