using HappyTogether.Foundation.TimeZones;

namespace HappyTogether.Tests.Domain;

/// <summary>Zones as texts say them before "time": the place people name, not the IANA id.</summary>
public class ZoneNamesTests
{
    [Theory]
    [InlineData("America/Chicago", "Chicago")]
    [InlineData("Europe/London", "London")]
    [InlineData("America/New_York", "New York")]
    [InlineData("America/Indiana/Indianapolis", "Indianapolis")]
    [InlineData("America/Argentina/Buenos_Aires", "Buenos Aires")]
    [InlineData("America/Argentina/ComodRivadavia", "Comodoro Rivadavia")]
    [InlineData("Etc/UTC", "UTC")]
    [InlineData("UTC", "UTC")]
    [InlineData("Etc/GMT+6", "UTC-6")]
    [InlineData("Etc/GMT-10", "UTC+10")]
    [InlineData("Asia/Kolkata", "India")]
    [InlineData("US/Pacific", "Los Angeles")]
    public void A_zone_is_named_as_people_say_it(string id, string spoken) => Assert.Equal(spoken, ZoneNames.Spoken(id));

    [Fact]
    public void Every_zone_a_partner_can_have_has_a_plain_spoken_name()
    {
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            if (!ZoneNames.TryNormalize(zone.Id, out var iana)) continue;
            var spoken = ZoneNames.Spoken(iana);
            Assert.False(string.IsNullOrWhiteSpace(spoken), iana);
            Assert.DoesNotContain('/', spoken);
            Assert.DoesNotContain('_', spoken);
        }
    }
}
