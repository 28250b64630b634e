using HappyTogether.Content.Occasions;
using HappyTogether.Model.Couples;

namespace HappyTogether.Tests.Domain;

/// <summary>The pure rules of a couple's rhythm: which dates have texts, which evening is appreciation night, how
/// occasion days read.</summary>
public class RhythmRulesTests
{
    private static Couple Couple(Cadence cadence, DateOnly from, DayOfWeek? appreciation = DayOfWeek.Thursday) => new()
    {
        Id = "c0ffee",
        CreatedUtc = new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero),
        TimeZone = "America/Chicago",
        Cadence = cadence,
        CadenceFrom = from,
        AppreciationDay = appreciation,
        A = new Partner { Key = "a", Name = "Ana", Phone = "+13125550181", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
        B = new Partner { Key = "b", Name = "Sam", Phone = "+13125550182", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
    };

    private static readonly DateOnly Monday = new(2027, 1, 4);

    [Theory]
    [InlineData(Cadence.Daily)]
    [InlineData(Cadence.EveryOtherDay)]
    [InlineData(Cadence.Weekdays)]
    public void Every_week_has_exactly_one_appreciation_night_on_a_day_with_texts(Cadence cadence)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var couple = Couple(cadence, Monday.AddDays(1), day);
            // Weeks counted from the appreciation day: each has one night, the first day with texts from it on.
            for (var start = Monday.AddDays(((int)day - (int)Monday.DayOfWeek + 7) % 7); start < Monday.AddDays(70); start = start.AddDays(7))
            {
                var nights = Enumerable.Range(0, 7).Select(start.AddDays).Where(couple.IsAppreciationNight).ToList();
                var night = Assert.Single(nights);
                Assert.True(couple.IsCadenceDay(night));
                Assert.Equal(Enumerable.Range(0, 7).Select(start.AddDays).First(couple.IsCadenceDay), night);
            }
        }
    }

    [Fact]
    public void Every_other_day_counts_from_the_day_it_was_chosen_and_weekdays_skip_the_weekend()
    {
        var everyOther = Couple(Cadence.EveryOtherDay, Monday);
        Assert.Equal([true, false, true, false, true], Enumerable.Range(0, 5).Select(d => everyOther.IsCadenceDay(Monday.AddDays(d))));
        Assert.True(everyOther.IsCadenceDay(Monday.AddDays(-2)));
        Assert.False(everyOther.IsCadenceDay(Monday.AddDays(-1)));
        var weekdays = Couple(Cadence.Weekdays, Monday);
        Assert.Equal(5, Enumerable.Range(0, 7).Count(d => weekdays.IsCadenceDay(Monday.AddDays(d))));
        Assert.False(Couple(Cadence.Daily, Monday, appreciation: null).IsAppreciationNight(Monday.AddDays(3)));
    }

    [Fact]
    public void An_occasion_day_has_texts_whatever_the_cadence_and_a_leap_day_birthday_falls_on_the_28th()
    {
        var couple = Couple(Cadence.Weekdays, Monday);
        couple.A.Birthday = new MonthDay(2, 29);
        couple.Anniversary = new MonthDay(1, 9);
        couple.AnniversarySetBy = "b";
        Assert.True(couple.HasTextsOn(new DateOnly(2027, 1, 9)));
        Assert.Equal(new Occasion(Occasion.Anniversary, "b"), couple.OccasionOn(new DateOnly(2027, 1, 9)));
        Assert.Equal("a", couple.OccasionOn(new DateOnly(2027, 2, 28))!.Partner);
        Assert.Null(couple.OccasionOn(new DateOnly(2028, 2, 28)));
        Assert.Equal("a", couple.OccasionOn(new DateOnly(2028, 2, 29))!.Partner);
        Assert.Equal("b", couple.OccasionOn(new DateOnly(2027, 2, 28))!.HeadsUpFor());
    }

    [Theory]
    [InlineData("06-14", 6, 14)]
    [InlineData("6/14", 6, 14)]
    [InlineData("14-06", 6, 14)]
    [InlineData("2015-06-14", 6, 14)]
    [InlineData("06/14/2015", 6, 14)]
    [InlineData("Jun 14", 6, 14)]
    [InlineData("june 14th", 6, 14)]
    [InlineData("14 June", 6, 14)]
    [InlineData("14th of june", 6, 14)]
    [InlineData("Sept 3", 9, 3)]
    [InlineData("feb 29", 2, 29)]
    [InlineData("03-02", 3, 2)]
    public void Occasion_dates_read_as_people_text_them(string text, int month, int day)
    {
        Assert.True(OccasionDates.TryParse(text, out var read), text);
        Assert.Equal(new MonthDay(month, day), read);
    }

    [Theory]
    [InlineData("13-45")]
    [InlineData("02-30")]
    [InlineData("0-5")]
    [InlineData("Smarch 3")]
    [InlineData("tomorrow")]
    [InlineData("")]
    [InlineData("ju 4")]
    public void Dates_that_are_no_day_of_the_year_are_refused(string text) => Assert.False(OccasionDates.TryParse(text, out _), text);
}
