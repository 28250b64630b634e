using CsCheck;
using HappyTogether.Entry.Sending;
using Microsoft.AspNetCore.Http;

namespace HappyTogether.Tests.Domain;

/// <summary>The status callback URL the sender writes reads back to the same couple and row, whatever they
/// hold.</summary>
public class StatusCallbackTests
{
    /// <summary>The query as the Functions host hands it to the webhook: parsed from the URL Twilio calls.</summary>
    private static StatusCallback? ReadBack(StatusCallback callback)
    {
        var url = StatusCallback.Url("https://happytogether.example.org/", callback);
        var request = new DefaultHttpContext().Request;
        request.QueryString = new QueryString(url.Query);
        // What the webhook read before the callback had a type of its own.
        Assert.Equal((callback.CoupleId, callback.RowKey), (request.Query["c"].ToString(), request.Query["r"].ToString()));
        return StatusCallback.Parse(request.QueryString.Value);
    }

    [Theory]
    [InlineData("c0ffee", "2027-01-04|invitation|a")]
    [InlineData("a b+c", "2027-01-04|confirmation|b|638712345678901234")]
    [InlineData("x&r=forged", "k=v&c=other")]
    [InlineData("50% off?", "#fragment/slash\\back")]
    [InlineData("", "")]
    [InlineData("Zoë 😊", "日本|\t|\n")]
    public void Round_trips_odd_characters(string coupleId, string rowKey)
    {
        var callback = new StatusCallback(coupleId, rowKey);
        Assert.Equal(callback, ReadBack(callback));
    }

    [Fact]
    public void Round_trips_any_text()
    {
        var text = Gen.String[Gen.Char.Where(c => !char.IsSurrogate(c)), 0, 40];
        Gen.Select(text, text).Sample((coupleId, rowKey) => Assert.Equal(new StatusCallback(coupleId, rowKey), ReadBack(new StatusCallback(coupleId, rowKey))));
    }

    [Fact]
    public void The_url_is_the_status_path_under_the_public_base_url()
    {
        Assert.Equal(
            "https://happytogether.example.org/api/sms/status?c=c0ffee&r=2027-01-04%7Cinvitation%7Ca",
            StatusCallback.Url("https://happytogether.example.org/", new StatusCallback("c0ffee", "2027-01-04|invitation|a")).AbsoluteUri);
        Assert.Equal("https://happytogether.example.org/api/sms/status", StatusCallback.Url("https://happytogether.example.org", null).AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?c=c0ffee")]
    [InlineData("?r=2027-01-04%7Cinvitation%7Ca")]
    public void A_query_without_c_and_r_names_no_text(string? query) => Assert.Null(StatusCallback.Parse(query));
}
