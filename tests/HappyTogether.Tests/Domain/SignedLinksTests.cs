using CsCheck;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Settings;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HappyTogether.Tests.Domain;

/// <summary>Signed links: genuine, unaltered, of their purpose and unexpired, or nothing; and they carry no name or
/// number.</summary>
public class SignedLinksTests
{
    private const string BaseUrl = "https://happytogether.example.org";
    private const string CoupleId = "0123456789abcdef";
    private static readonly DateOnly WeekEnd = new(2027, 1, 10);
    private static readonly DateTimeOffset Now = new(2027, 1, 11, 1, 0, 0, TimeSpan.Zero);

    private static SignedLinks Links(FakeTimeProvider clock, string? key = "a-test-link-signing-key-0123456789", string? baseUrl = BaseUrl) =>
        new(Options.Create(new HappyTogetherOptions { LinkSigningKey = key, PublicBaseUrl = baseUrl }), clock);

    private static string TokenOf(string url) => url[(url.IndexOf('?') + 1)..];

    [Fact]
    public void A_week_link_reads_back_its_claims_and_an_export_link_its_own()
    {
        var links = Links(new FakeTimeProvider(Now));
        var url = links.WeekUrl(CoupleId, "b", WeekEnd)!;
        Assert.StartsWith(BaseUrl + "/api/w?", url);
        Assert.True(links.TryRead(TokenOf(url), LinkPurpose.Week, out var claims));
        Assert.Equal(new LinkClaims(LinkPurpose.Week, CoupleId, "b", WeekEnd, Now + SignedLinks.WeekLifetime), claims);

        var export = links.ExportUrl(CoupleId, "a", new DateOnly(2027, 1, 11))!;
        Assert.StartsWith(BaseUrl + "/api/x?", export);
        Assert.True(links.TryRead(TokenOf(export), LinkPurpose.Export, out var exported));
        Assert.Equal(new LinkClaims(LinkPurpose.Export, CoupleId, "a", new DateOnly(2027, 1, 11), Now + SignedLinks.ExportLifetime), exported);
    }

    [Fact]
    public void A_night_link_is_the_same_whenever_it_is_made_and_lasts_a_week_links_time_from_the_end_of_that_night()
    {
        var night = new DateOnly(2027, 1, 4);
        var clock = new FakeTimeProvider(Now);
        var url = Links(clock).NightUrl(CoupleId, "a", night)!;
        Assert.StartsWith(BaseUrl + "/api/n?", url);
        Assert.Equal(SignedLinks.TokenLength, TokenOf(url).Length);
        clock.Advance(TimeSpan.FromHours(9));
        Assert.Equal(url, Links(clock).NightUrl(CoupleId, "a", night));
        Assert.True(Links(clock).TryRead(TokenOf(url), LinkPurpose.Night, out var claims));
        var expires = new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.Zero) + SignedLinks.WeekLifetime;
        Assert.Equal(new LinkClaims(LinkPurpose.Night, CoupleId, "a", night, expires), claims);
        Assert.False(Links(clock).TryRead(TokenOf(url), LinkPurpose.Week, out _));
        Assert.Null(Links(clock, baseUrl: null).NightUrl(CoupleId, "a", night));
    }

    [Fact]
    public void A_link_of_one_purpose_does_not_open_the_other()
    {
        var links = Links(new FakeTimeProvider(Now));
        Assert.False(links.TryRead(TokenOf(links.WeekUrl(CoupleId, "a", WeekEnd)!), LinkPurpose.Export, out _));
        Assert.False(links.TryRead(TokenOf(links.ExportUrl(CoupleId, "a", WeekEnd)!), LinkPurpose.Week, out _));
    }

    [Fact]
    public void A_link_expires_fourteen_days_after_it_was_made_and_says_so()
    {
        var clock = new FakeTimeProvider(Now);
        var links = Links(clock);
        var token = TokenOf(links.WeekUrl(CoupleId, "a", WeekEnd)!);
        clock.Advance(SignedLinks.WeekLifetime - TimeSpan.FromMinutes(1));
        Assert.True(links.TryRead(token, LinkPurpose.Week, out _));
        Assert.False(links.IsExpired(token, LinkPurpose.Week));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(links.TryRead(token, LinkPurpose.Week, out _));
        Assert.True(links.IsExpired(token, LinkPurpose.Week));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(links.IsExpired(token, LinkPurpose.Week));
        // Expired is said only of a genuine token of that purpose.
        Assert.False(links.IsExpired(token, LinkPurpose.Export));
        Assert.False(links.IsExpired(Flip(token, 3), LinkPurpose.Week));
    }

    [Fact]
    public void An_export_link_lives_three_days()
    {
        var clock = new FakeTimeProvider(Now);
        var links = Links(clock);
        var token = TokenOf(links.ExportUrl(CoupleId, "a", WeekEnd)!);
        clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
        Assert.True(links.TryRead(token, LinkPurpose.Export, out _));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(links.TryRead(token, LinkPurpose.Export, out _));
    }

    [Fact]
    public void A_flipped_character_anywhere_in_payload_or_MAC_is_refused()
    {
        var links = Links(new FakeTimeProvider(Now));
        var token = TokenOf(links.WeekUrl(CoupleId, "a", WeekEnd)!);
        for (var i = 0; i < token.Length; i++)
        {
            Assert.False(links.TryRead(Flip(token, i), LinkPurpose.Week, out _), $"flipped at {i}");
            Assert.False(links.IsExpired(Flip(token, i), LinkPurpose.Week), $"flipped at {i}");
        }
        Assert.False(links.TryRead(token[..^1], LinkPurpose.Week, out _));
        Assert.False(links.TryRead(token + "A", LinkPurpose.Week, out _));
        Assert.False(links.TryRead(null, LinkPurpose.Week, out _));
        Assert.False(links.TryRead("", LinkPurpose.Week, out _));
    }

    [Fact]
    public void A_token_signed_with_another_key_is_refused()
    {
        var clock = new FakeTimeProvider(Now);
        var token = TokenOf(Links(clock, key: "another-operators-signing-key-987654321").WeekUrl(CoupleId, "a", WeekEnd)!);
        Assert.False(Links(clock).TryRead(token, LinkPurpose.Week, out _));
        Assert.False(Links(clock).IsExpired(token, LinkPurpose.Week));
        // Without a key of its own the app signs with the development key, which a real key does not accept.
        var development = TokenOf(Links(clock, key: null).WeekUrl(CoupleId, "a", WeekEnd)!);
        Assert.True(Links(clock, key: null).TryRead(development, LinkPurpose.Week, out _));
        Assert.False(Links(clock).TryRead(development, LinkPurpose.Week, out _));
    }

    [Fact]
    public void The_link_is_short_and_holds_neither_the_couple_id_a_name_nor_a_number()
    {
        var links = Links(new FakeTimeProvider(Now), baseUrl: BaseUrl + "/");
        var url = links.WeekUrl(CoupleId, "a", WeekEnd)!;
        var token = TokenOf(url);
        Assert.Equal($"{BaseUrl}/api/w?{token}", url);
        Assert.Equal(SignedLinks.TokenLength, token.Length);
        Assert.True(token.Length <= 43, token);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.DoesNotContain(CoupleId, url, StringComparison.OrdinalIgnoreCase);
        // Made from ids alone, it cannot hold a name or a phone number.
        Assert.DoesNotContain("Ana", url, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("5550181", url);
    }

    [Fact]
    public void Without_a_public_base_url_there_is_no_link()
    {
        var links = Links(new FakeTimeProvider(Now), baseUrl: " ");
        Assert.Null(links.WeekUrl(CoupleId, "a", WeekEnd));
        Assert.Null(links.ExportUrl(CoupleId, "a", WeekEnd));
    }

    [Theory]
    [InlineData("0123456789ABCDEF", "a")]
    [InlineData("c0ffee", "a")]
    [InlineData(CoupleId, "c")]
    public void Only_a_couple_id_of_16_lower_hex_digits_and_partner_a_or_b_make_a_link(string coupleId, string partner) =>
        Assert.Throws<ArgumentException>(() => Links(new FakeTimeProvider(Now)).WeekUrl(coupleId, partner, WeekEnd));

    [Fact]
    public void Random_claims_round_trip_and_any_change_to_their_token_is_refused()
    {
        var links = Links(new FakeTimeProvider(Now));
        var claims = Gen.Select(
            Gen.Byte.Array[8].Select(Convert.ToHexStringLower),
            Gen.Bool.Select(b => b ? "b" : "a"),
            Gen.Int[DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber].Select(DateOnly.FromDayNumber),
            Gen.Bool.Select(b => b ? LinkPurpose.Export : LinkPurpose.Week));
        var change = Gen.Select(Gen.Int[0, SignedLinks.TokenLength - 1], Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=. "]);
        Gen.Select(claims, change).Sample(sample =>
        {
            var ((couple, partner, date, purpose), (at, to)) = sample;
            var url = purpose == LinkPurpose.Week ? links.WeekUrl(couple, partner, date)! : links.ExportUrl(couple, partner, date)!;
            var token = TokenOf(url);
            Assert.True(links.TryRead(token, purpose, out var read));
            Assert.Equal((couple, partner, date), (read.CoupleId, read.Partner, read.Date));
            var changed = string.Concat(token.AsSpan(0, at), to.ToString(), token.AsSpan(at + 1));
            Assert.Equal(changed == token, links.TryRead(changed, purpose, out _));
        }, iter: 5_000);
    }

    /// <summary>The token with one character replaced by another base64url character.</summary>
    private static string Flip(string token, int at) =>
        string.Concat(token.AsSpan(0, at), (token[at] == 'A' ? 'B' : 'A').ToString(), token.AsSpan(at + 1));
}
