using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Pages.Export;

namespace HappyTogether.Tests.Domain;

/// <summary>Dates as the reader writes them, by the country of their number: month first in the US, day first
/// elsewhere.</summary>
public class DateTextTests
{
    private static readonly DateOnly Monday = new(2027, 1, 4);

    [Theory]
    [InlineData("+13125550181", true)] // Chicago
    [InlineData("+17875550123", true)] // Puerto Rico
    [InlineData("+14165550123", true)] // Toronto
    [InlineData("+18765550123", false)] // Jamaica: +1, but the day first
    [InlineData("+447911123456", false)] // UK
    [InlineData("+61412345678", false)] // Australia
    [InlineData("", false)]
    public void The_country_of_the_number_says_which_comes_first(string phone, bool monthFirst) =>
        Assert.Equal(monthFirst, DateText.MonthFirst(phone));

    [Fact]
    public void Each_form_reads_as_that_reader_writes_it()
    {
        Assert.Equal("Jan 4", DateText.Short(Monday, monthFirst: true));
        Assert.Equal("4 Jan", DateText.Short(Monday, monthFirst: false));
        Assert.Equal("Mon, Jan 4", DateText.WithDay(Monday, monthFirst: true));
        Assert.Equal("Mon 4 Jan", DateText.WithDay(Monday, monthFirst: false));
        Assert.Equal("Monday, January 4", DateText.Long(Monday, monthFirst: true));
        Assert.Equal("Monday 4 January", DateText.Long(Monday, monthFirst: false));
    }

    [Theory]
    [InlineData("+13125550181", "America/Chicago", "until Friday, January 8, 9pm your time")]
    [InlineData("+447911123456", "Europe/London", "until Saturday 9 January, 03:00 your time")]
    public void The_export_page_says_when_the_link_ends_as_the_reader_writes_it(string phone, string zone, string until)
    {
        var partner = new Partner { Key = "a", Name = "Ana", Phone = phone, TimeZone = zone, MorningTime = new(8, 0), EveningTime = new(20, 30) };
        var page = ExportPage.Downloads(partner, new DateTimeOffset(2027, 1, 9, 3, 0, 0, TimeSpan.Zero), "token");
        Assert.Contains(until, page);
    }
}
