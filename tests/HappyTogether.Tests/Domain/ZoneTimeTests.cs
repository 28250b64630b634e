using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Tests.Domain;

public class ZoneTimeTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [Theory]
    [InlineData("06:59:59", false)]
    [InlineData("07:00:00", true)]
    [InlineData("21:30:00", true)]
    [InlineData("21:30:40", true)]
    [InlineData("21:31:00", false)]
    public void The_waking_window_is_judged_by_the_minute_so_a_2130_slot_sent_seconds_late_still_goes(string local, bool awake) =>
        Assert.Equal(awake, HappyTogether.Model.Scheduling.WakingWindow.Contains(TimeOnly.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Local_time_keeps_its_wall_clock_across_spring_forward()
    {
        // US clocks go forward on 2027-03-14: 08:00 CST is 14:00Z, 08:00 CDT is 13:00Z.
        Assert.Equal(new DateTimeOffset(2027, 3, 13, 14, 0, 0, TimeSpan.Zero), ZoneTime.ToUtc(new(2027, 3, 13), new(8, 0), Chicago));
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 13, 0, 0, TimeSpan.Zero), ZoneTime.ToUtc(new(2027, 3, 14), new(8, 0), Chicago));
    }

    [Fact]
    public void Next_occurrence_across_fall_back_is_one_day_and_one_hour_later_in_utc()
    {
        // US clocks go back on 2027-11-07.
        var saturday = ZoneTime.ToUtc(new(2027, 11, 6), new(20, 30), Chicago);
        var sunday = ZoneTime.NextOccurrence(saturday, new(20, 30), Chicago);
        Assert.Equal(TimeSpan.FromHours(25), sunday - saturday);
        Assert.Equal(new TimeOnly(20, 30), TimeOnly.FromDateTime(ZoneTime.ToLocal(sunday, Chicago)));
    }

    [Fact]
    public void A_skipped_time_moves_on_by_the_gap_and_a_repeated_time_takes_its_first_occurrence()
    {
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 8, 30, 0, TimeSpan.Zero), ZoneTime.ToUtc(new(2027, 3, 14), new(2, 30), Chicago));
        Assert.Equal(new DateTimeOffset(2027, 11, 7, 6, 30, 0, TimeSpan.Zero), ZoneTime.ToUtc(new(2027, 11, 7), new(1, 30), Chicago));
    }

    [Theory]
    [InlineData("06:59", false)]
    [InlineData("07:00", true)]
    [InlineData("21:30", true)]
    [InlineData("21:31", false)]
    public void Waking_window_is_seven_to_half_past_nine(string time, bool inside) =>
        Assert.Equal(inside, WakingWindow.Contains(TimeOnly.Parse(time)));
}
