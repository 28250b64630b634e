using System.Globalization;
using HappyTogether.Content.Reveals;
using HappyTogether.Foundation.Text;

namespace HappyTogether.Tests.Domain;

/// <summary>The reveal's composer: a partner's words whole and untouched within three segments, else an opening cut
/// between whole characters and the night's link; a reaction within one segment.</summary>
public class RevealTextTests
{
    private const string Link = "https://happytogether.example.org/api/n?0123456789012345678901234567890123456789012";

    [Theory]
    [InlineData("We’re “fine” — really… calm")]
    [InlineData("La cena del sábado con tu mamá, me reí muchísimo. contenta")]
    [InlineData("🥹👩‍❤️‍👨 loved")]
    [InlineData("line one\nline two")]
    public void Typography_accents_emoji_and_line_breaks_pass_as_written(string answer) =>
        Assert.Equal("Ana's answer: " + answer, RevealText.Compose("Ana", answer, Link));

    [Fact]
    public void Only_control_characters_go_and_a_CRLF_becomes_one_line_break()
    {
        Assert.Equal("Ana's answer: a\nb\nc d", RevealText.Compose("Ana", "  a\r\nb\rc\u0007 d\t "));
    }

    [Theory]
    [InlineData(459 - 14, true)]
    [InlineData(459 - 13, false)]
    public void A_GSM7_answer_goes_whole_up_to_459_septets(int length, bool whole)
    {
        var answer = new string('a', length);
        var text = RevealText.Compose("Ana", answer, Link);
        Assert.Equal(whole, text == "Ana's answer: " + answer);
        Assert.True(Gsm7.Segments(text) <= 3);
        if (!whole) Assert.EndsWith("... Read it all: " + Link, text);
    }

    [Theory]
    [InlineData(201 - 14, true)]
    [InlineData(201 - 13, false)]
    public void A_UCS2_answer_goes_whole_up_to_201_units(int length, bool whole)
    {
        var answer = "á" + new string('a', length - 1);
        var text = RevealText.Compose("Ana", answer, Link);
        Assert.Equal(whole, text == "Ana's answer: " + answer);
        Assert.True(Gsm7.Segments(text) <= 3);
    }

    [Fact]
    public void A_cut_never_splits_an_emoji_sequence()
    {
        var answer = string.Concat(Enumerable.Repeat("👩‍❤️‍👨 ", 60));
        for (var extra = 0; extra < 12; extra++)
        {
            var text = RevealText.Compose(new string('W', extra + 1), answer, Link);
            var lead = text[..(text.IndexOf(": ", StringComparison.Ordinal) + 2)];
            var opening = text[lead.Length..text.IndexOf("...", StringComparison.Ordinal)];
            Assert.Contains(opening.Length, StringInfo.ParseCombiningCharacters(answer));
            Assert.StartsWith(opening, answer);
            Assert.True(Gsm7.Segments(text) <= 3, text);
        }
    }

    [Fact]
    public void Without_a_link_a_long_answer_is_cut_within_three_segments()
    {
        var text = RevealText.Compose("Ana", new string('a', 600));
        Assert.Equal(3, Gsm7.Segments(text));
        Assert.EndsWith("a...", text);
    }

    [Fact]
    public void The_reply_fits_the_answer_whole_only_when_lead_and_answer_keep_to_three_segments()
    {
        const string lead = "Got it! Text a feeling word (like calm) for your recap.";
        var room = 459 - $"{lead} Ana's answer: ".Length;
        Assert.True(RevealText.FitsWhole(lead, "Ana", new string('a', room)));
        Assert.False(RevealText.FitsWhole(lead, "Ana", new string('a', room + 1)));
    }

    [Fact]
    public void A_reaction_stays_one_segment_and_keeps_its_typography()
    {
        Assert.Equal("Ana: aww “you” ❤️", RevealText.Reaction("Ana", "aww “you” ❤️"));
        Assert.True(RevealText.FitsOneSegment("Ana", new string('a', 160 - 5)));
        Assert.False(RevealText.FitsOneSegment("Ana", new string('a', 160 - 4)));
        Assert.False(RevealText.FitsOneSegment("Ana", "’" + new string('a', 70 - 5)));
    }
}
