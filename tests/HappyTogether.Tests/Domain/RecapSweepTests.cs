using HappyTogether.Content.Recap;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Settings;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace HappyTogether.Tests.Domain;

/// <summary>
/// The strong-week sweep of issue 26: both partners answered the same six nights with six different words each, and
/// every combination of names (short, 20 characters), base URL (none, 44, 60, 80 characters), care line (none, the line,
/// the line and a care link filling the settings' limit), recipient and strong nudge is rendered: 624 texts. Each must
/// name both partners' top three words; the figures go to the test's output.
/// </summary>
public class RecapSweepTests(ITestOutputHelper output)
{
    private static readonly DateOnly Sunday = new(2027, 1, 10);
    private static readonly string[] AnasWords = ["calm", "happy", "tired", "proud", "grateful", "relaxed"];
    private static readonly string[] OthersWords = ["joyful", "calm", "proud", "excited", "content", "hopeful"];

    [Fact]
    public void Every_strong_week_render_names_both_partners_top_three_words()
    {
        var lexicon = MoodLexicon.Load();
        var nudges = Nudges.Load();
        var renders = new List<(string Case, bool Kept, bool Fits, string Text)>();
        foreach (var (nameA, nameB) in new[] { ("Ana", "Alexandra"), ("Maximiliana-Josefine", "Bartholomew-Alexandr") })
            foreach (var baseUrl in new[] { 0, 44, 60, 80 })
                foreach (var care in new[] { "none", "line", "line+link" })
                    foreach (var recipient in new[] { "a", "b" })
                    {
                        var couple = Couple(nameA, nameB);
                        // Night 6 back is Monday: Monday's words come first among equals.
                        var answers = Enumerable.Range(1, 6).SelectMany(back => new[]
                        {
                            new AnswerRecord(Sunday.AddDays(-back), "a", "answer") { Mood = AnasWords[6 - back], MoodRecognized = true, MessageSid = $"SMa{back}" },
                            new AnswerRecord(Sunday.AddDays(-back), "b", "answer") { Mood = OthersWords[6 - back], MoodRecognized = true, MessageSid = $"SMb{back}" },
                        }).ToList();
                        var week = WeeklyRecap.Compute(couple, Sunday, answers, [], Answers.Streak(answers, Sunday), lexicon, nudges);
                        var link = baseUrl == 0 ? null : WeekLink(couple.Id, recipient, baseUrl);
                        // The care link takes what the settings leave of their limit, together with the base URL.
                        var careLink = care == "line+link" ? Url(RecapText.MaxLinkSettingsLength - Math.Max(baseUrl, 8)) : null;
                        var (own, others, otherName) = recipient == "a" ? (AnasWords, OthersWords, nameB) : (OthersWords, AnasWords, nameA);
                        foreach (var nudge in nudges.All.Where(n => n.Situation == Situation.Strong))
                        {
                            var recap = week with { Partners = [.. week.Partners.Select(p => p.Partner == recipient ? p with { NudgeId = nudge.Id, Care = care != "none" } : p)] };
                            var text = RecapText.Render(couple, recap, recipient, nudges, careLink, link);
                            var kept = text.Contains($"You: {string.Join(", ", own.Take(3))}") && text.Contains($"{otherName}: {string.Join(", ", others.Take(3))}");
                            renders.Add(($"names {nameA.Length}/{nameB.Length}, base URL {baseUrl}, care {care}", kept, Gsm7.Septets(text) <= RecapText.Budget, text));
                        }
                    }

        foreach (var group in renders.GroupBy(r => r.Case))
            output.WriteLine($"{group.Key}: {group.Count(r => r.Kept)}/{group.Count()} keep both partners' top words, {group.Count(r => r.Fits)} within 306 septets");
        var noCare = renders.Where(r => r.Case.EndsWith("care none", StringComparison.Ordinal)).ToList();
        output.WriteLine($"All: {renders.Count(r => r.Kept)}/{renders.Count} keep both partners' top words; without the care line {noCare.Count(r => r.Kept)}/{noCare.Count}, {noCare.Count(r => r.Fits)}/{noCare.Count} within 306 septets.");
        Assert.All(renders, r => Assert.True(r.Kept, r.Text));
        Assert.All(noCare, r => Assert.True(r.Fits, r.Text));
        // A care week takes a third segment rather than lose a partner's words.
        Assert.All(renders, r => Assert.True(Gsm7.Segments(r.Text) <= 3, r.Text));
    }

    private static Couple Couple(string nameA, string nameB) => new()
    {
        Id = "0123456789abcdef",
        CreatedUtc = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
        TimeZone = "America/Chicago",
        A = new Partner { Key = "a", Name = nameA, Phone = "+13125550181", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
        B = new Partner { Key = "b", Name = nameB, Phone = "+13125550182", TimeZone = "America/Chicago", MorningTime = new(8, 0), EveningTime = new(20, 30) },
    };

    /// <summary>A URL of exactly <paramref name="length"/> characters.</summary>
    private static string Url(int length) => "https://" + new string('u', length - 8);

    private static string WeekLink(string coupleId, string partner, int baseUrlLength) =>
        new SignedLinks(Options.Create(new HappyTogetherOptions { PublicBaseUrl = Url(baseUrlLength) }), new FakeTimeProvider(new DateTimeOffset(2027, 1, 11, 1, 0, 0, TimeSpan.Zero)))
            .WeekUrl(coupleId, partner, Sunday)!;
}
