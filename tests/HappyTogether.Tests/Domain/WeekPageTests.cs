using System.Text.RegularExpressions;
using HappyTogether.Foundation.Moods;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Pages.WeekPage;

namespace HappyTogether.Tests.Domain;

/// <summary>The week page rendered from fixed weeks: mood words on the quadrants and day by day, nights answered,
/// nothing else.</summary>
public partial class WeekPageTests
{
    private static readonly MoodLexicon Lexicon = MoodLexicon.Load();

    // Sunday 2027-01-10: the week is Monday 4 to Sunday 10.
    private static readonly DateOnly Sunday = new(2027, 1, 10);

    private static Couple Couple(string nameB = "Sam", bool shareOffB = false, string phoneB = "+13125550182") => new()
    {
        Id = "0123456789abcdef",
        CreatedUtc = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
        TimeZone = "America/Chicago",
        A = new Partner { Key = "a", Name = "Ana", Phone = "+13125550181", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
        B = new Partner { Key = "b", Name = nameB, Phone = phoneB, TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30), ShareOff = shareOffB },
    };

    private static AnswerRecord Answer(int day, string partner, string? mood, bool recognized = true) =>
        new(new DateOnly(2027, 1, day), partner, $"secret answer {day}{partner}") { Mood = mood, MoodRecognized = recognized, MessageSid = $"SM{day}{partner}" };

    private static readonly AnswerRecord[] Week =
    [
        Answer(4, "a", "calm"), Answer(4, "b", "excited"),
        Answer(5, "a", "calm"), Answer(5, "b", "stressed"),
        Answer(6, "a", "tired"),
        Answer(7, "b", "sad"),
        Answer(8, "a", "wibbly", recognized: false), Answer(8, "b", "calm"),
        Answer(10, "a", "happy"),
    ];

    private static string Render(Couple couple, string viewer = "a", IEnumerable<AnswerRecord>? answers = null)
    {
        answers ??= Week;
        // As the app plays it: a night's reveal reaches both partners once both have answered.
        var reveals = answers.GroupBy(a => a.Date).Where(night => night.Select(a => a.Partner).Distinct().Count() == 2)
            .Select(night => new OutboundRecord(night.Key, TextKind.Reveal, viewer) { Sid = $"SMreveal{night.Key.Day}" });
        return WeekPageHtml.Render(WeekView.From(couple, viewer, Sunday, answers, new SharedTexts(reveals, viewer), Lexicon));
    }

    /// <summary>The table rows: day, the viewer's cell and the other's, as text.</summary>
    private static List<string> Rows(string html) =>
        [.. TableRow().Matches(html).Select(m => Regex.Replace(m.Groups[1].Value, "<span class=\"sr\">.*?</span>|<[^>]+>", " ").Split(' ', StringSplitOptions.RemoveEmptyEntries) is var words ? string.Join(' ', words) : "")];

    [Fact]
    public void Both_partners_words_show_day_by_day_on_their_quadrants_with_the_nights_answered()
    {
        var html = Render(Couple());
        Assert.Contains("<title>Your week with Sam</title>", html);
        Assert.Contains("Mon, Jan 4 to Sun, Jan 10, 2027", html);
        Assert.Equal(
            ["Mon, Jan 4 calm excited", "Tue, Jan 5 calm stressed", "Wed, Jan 6 tired no answer", "Thu, Jan 7 no answer answered",
             "Fri, Jan 8 no mood word calm", "Sat, Jan 9 no answer no answer", "Sun, Jan 10 happy no answer"],
            Rows(html));
        // The chart: one labeled marker per partner and word, circles for the viewer and diamonds for the other.
        Assert.Contains("<svg class=\"meter\"", html);
        Assert.Contains(">calm x2</text>", html);
        // (and one of each in the legend); Sam's sad, from a night only he answered, is not shared.
        Assert.Equal(3 + 1, Marker().Count(html));
        Assert.Equal(3 + 1, Regex.Count(html, "<path d=\"M"));
        Assert.DoesNotContain("sad", html);
        Assert.Contains("(pleasant, low energy)", html);
        Assert.Contains("(unpleasant, high energy)", html);
        Assert.Contains("<li>You: <strong>5</strong></li><li>Sam: <strong>4</strong></li><li>Both of you: <strong>3</strong></li>", html);
    }

    [Fact]
    public void Each_word_sits_in_its_quadrant_of_the_plane()
    {
        var html = Render(Couple(), answers: [Answer(4, "a", "excited"), Answer(5, "a", "stressed"), Answer(6, "a", "sad"), Answer(7, "a", "calm")]);
        var points = Marker().Matches(html).Select(m => (X: int.Parse(m.Groups[1].Value), Y: int.Parse(m.Groups[2].Value))).Where(p => p != (0, 0)).ToList();
        // Pleasant to the right, energetic at the top (SVG y grows downwards): excited, stressed, sad, calm.
        Assert.Equal(4, points.Count);
        Assert.Contains(points, p => p.X > 170 && p.Y < 170);
        Assert.Contains(points, p => p.X < 170 && p.Y < 170);
        Assert.Contains(points, p => p.X < 170 && p.Y > 170);
        Assert.Contains(points, p => p.X > 170 && p.Y > 170);
        Assert.All(points, p => Assert.InRange(p.X, 0, 340));
    }

    [Fact]
    public void The_other_partners_words_stay_private_while_they_have_sharing_off_and_the_viewers_own_always_show()
    {
        var html = Render(Couple(shareOffB: true, phoneB: "+447911123456"));
        Assert.Contains("Sam keeps their words private", html);
        Assert.DoesNotContain("excited", html);
        Assert.DoesNotContain("stressed", html);
        Assert.DoesNotContain("<path d=\"M", html);
        Assert.Contains("Mon, Jan 4 calm private", Rows(html));
        Assert.Contains("<li>Sam: <strong>4</strong></li>", html);

        // Seen by Sam, his own words show whatever his setting (his UK number reads the day first).
        var toSam = Render(Couple(shareOffB: true, phoneB: "+447911123456"), viewer: "b");
        Assert.Contains("Mon 4 Jan excited calm", Rows(toSam));
    }

    [Fact]
    public void Dates_read_month_first_to_a_US_number_and_day_first_to_others()
    {
        var couple = Couple(phoneB: "+447911123456");
        var toAna = Render(couple);
        Assert.Contains("Mon, Jan 4 to Sun, Jan 10, 2027", toAna);
        Assert.Equal("Sun, Jan 10 happy no answer", Rows(toAna)[^1]);
        var toSam = Render(couple, viewer: "b");
        Assert.Contains("Mon 4 Jan to Sun 10 Jan 2027", toSam);
        Assert.DoesNotContain("Jan 4", toSam);
        Assert.Equal("Sun 10 Jan no answer answered", Rows(toSam)[^1]);
    }

    [Fact]
    public void No_answer_text_and_no_script_ever_reach_the_page_and_a_name_is_encoded()
    {
        var html = Render(Couple(nameB: "<script>alert(1)</script>"));
        Assert.DoesNotContain("secret answer", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Your week with &lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("wibbly", html);
        // Nothing external to load.
        Assert.DoesNotContain("http", html);
    }

    [Fact]
    public void A_quiet_week_shows_an_empty_plane_and_zero_nights()
    {
        var html = Render(Couple(), answers: []);
        Assert.All(Rows(html), row => Assert.EndsWith("no answer no answer", row));
        Assert.Contains("<li>Both of you: <strong>0</strong></li>", html);
    }

    [GeneratedRegex("<tr><th scope=\"row\">(.*?)</tr>")]
    private static partial Regex TableRow();

    [GeneratedRegex("<circle cx=\"(-?\\d+)\" cy=\"(-?\\d+)\"")]
    private static partial Regex Marker();
}
