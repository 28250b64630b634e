using System.Text;
using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Text;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Tests.Domain;

/// <summary>
/// What keeps a prompt to the couples and days it is written for, as data and as rules: conditions, household needs,
/// follow-ups and their excerpts, the fading mood-word ask, and the register after a heavy or a strong week.
/// </summary>
public class PromptFitTests
{
    private static readonly PromptCatalog Catalog = PromptCatalog.Load();
    private static readonly MoodLexicon Lexicon = MoodLexicon.Load();
    private static readonly string LongestName = new('W', 20);
    private static readonly DateOnly Monday = new(2027, 1, 4);

    [Fact]
    public void At_least_sixty_questions_have_a_follow_up_that_fits_one_segment_with_a_long_name_and_answer()
    {
        var withFollowUp = Catalog.For(Slot.Evening).Where(p => p.FollowUp is not null).ToList();
        Assert.True(withFollowUp.Count >= 60, $"{withFollowUp.Count} questions with a follow-up");
        Assert.All(withFollowUp, p =>
        {
            var text = p.FollowUp!.Replace(Prompt.PartnerPlaceholder, LongestName).Replace(FollowThrough.AnswerPlaceholder, new string('x', FollowThrough.ExcerptLength));
            Assert.True(Gsm7.IsBasic(text) && Gsm7.Septets(text) <= Gsm7.SingleSegmentSeptets, $"{p.Id}: {text.Length} characters: {text}");
            Assert.Single(p.FollowUp.Split(FollowThrough.AnswerPlaceholder).Skip(1));
            Assert.DoesNotContain('{', p.FollowUp.Replace(FollowThrough.AnswerPlaceholder, "").Replace(Prompt.PartnerPlaceholder, ""));
            // Never built on an answer about a hard moment or a condition.
            Assert.DoesNotContain("repair", p.Tags);
            Assert.Null(p.When);
        });
    }

    [Fact]
    public void Repair_and_conditional_ideas_go_to_one_partner_and_every_condition_has_texts()
    {
        var ideas = Catalog.For(Slot.Morning);
        Assert.All(ideas.Where(p => p.Tags.Contains("repair")), p => Assert.True(p.When is Condition.MissedNight or Condition.HeavyWeek, $"{p.Id} is a repair idea without its condition"));
        Assert.All(ideas.Where(p => p.When is Condition.MissedNight or Condition.HeavyWeek), p => Assert.True(p.OneSided, $"{p.Id} is conditional and shared"));
        var all = Catalog.For(Slot.Morning).Concat(Catalog.For(Slot.Evening)).ToList();
        Assert.True(all.Count(p => p.When == Condition.ListeningDate) >= 8, "texts for couples with a listening date");
        Assert.True(all.Count(p => p.When == Condition.NoListeningDate) >= 3, "invitations to set one");
        Assert.True(ideas.Count(p => p.When == Condition.HeavyWeek) >= 4, "ideas for a heavy week");
        Assert.True(ideas.Count(p => p.When == Condition.MissedNight) >= 3, "ideas for after a missed night");
        Assert.All(Catalog.For(Slot.Evening, Specials.ListeningCheckIn).Concat(Catalog.For(Slot.Evening, Specials.RitualCheckIn)), p => Assert.Equal(Prompt.Question, p.Kind));
        Assert.True(Catalog.For(Slot.Evening, Specials.RitualCheckIn).Count >= 3);
        // The guide's loop: what each enjoyed, then keep it, move it or swap it.
        Assert.All(Catalog.For(Slot.Evening, Specials.ListeningCheckIn).Concat(Catalog.For(Slot.Evening, Specials.RitualCheckIn)),
            p => Assert.True(p.Text.Contains("keep it", StringComparison.OrdinalIgnoreCase) && p.Text.Contains("move it", StringComparison.Ordinal) && p.Text.Contains("swap it", StringComparison.Ordinal), p.Id));
    }

    public static TheoryData<string, Household, bool> Households() => new()
    {
        { "kids, no spending, no long walks", new Household(false, true, true, true), false },
        { "apart in town, no spending, no long walks", new Household(true, false, true, true), false },
        { "apart in two zones, no spending, no long walks", new Household(true, false, true, true), true },
        { "together, no kids", new Household(false, false), false },
    };

    [Theory]
    [MemberData(nameof(Households))]
    public void Every_household_has_a_year_of_ideas_and_its_own_ones(string name, Household home, bool farApart)
    {
        var fitting = Catalog.For(Slot.Morning).Where(p => p.When is null && p.FitsHome(home, farApart) && p.FitsWhere(farApart, home)).ToList();
        Assert.True(fitting.Count >= 365, $"{name}: {fitting.Count} ideas");
        Assert.DoesNotContain(fitting, p => (p.For == HouseholdKind.Kids && home.Kids != true) || (p.For == HouseholdKind.ApartInTown && (home.LivesApart != true || farApart)));
        Assert.DoesNotContain(fitting, p => (home.NoSpending && p.Needs.Contains(Need.Spending)) || (home.NoLongWalks && p.Needs.Contains(Need.Walking)));
        Assert.DoesNotContain(fitting, p => p.Setting == Setting.Apart && home.LivesApart != true && !farApart);
        if (home.Kids == true) Assert.True(fitting.Count(p => p.For == HouseholdKind.Kids) >= 15, "ideas around kids' bedtimes");
        if (home.LivesApart == true && !farApart) Assert.True(fitting.Count(p => p.For == HouseholdKind.ApartInTown) >= 10, "ideas for meeting up in town");
    }

    [Theory]
    [InlineData("when", "\"when\": \"rainy-day\"")]
    [InlineData("need", "\"needs\": [\"yacht\"]")]
    [InlineData("householdkind", "\"for\": \"pets\"")]
    public void A_catalog_with_an_unknown_condition_need_or_household_is_refused(string what, string field)
    {
        var json = "{\"questionSuffixes\": [\"\"], \"prompts\": [{\"id\": \"g1\", \"kind\": \"gesture\", " + field + ", \"tags\": [\"t\"], \"text\": \"x\"}]}";
        var error = Assert.Throws<InvalidDataException>(() => PromptCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(what == "when" ? "condition" : what, error.Message);
    }

    [Theory]
    [InlineData("a warm croissant, happy", "happy", "a warm croissant")]
    [InlineData("Tacos!! happy", "happy", "Tacos")]
    [InlineData("happy", "happy", null)]
    [InlineData("“the beach”\nin June 😊", null, "the beach in June")]
    [InlineData("honestly just an entire afternoon of nothing at all on the couch with you", null, "honestly just an entire afternoon of...")]
    public void A_follow_through_quotes_a_short_GSM7_excerpt_without_the_mood_word(string text, string? mood, string? excerpt)
    {
        var answer = new AnswerRecord(Monday, "a", text) { Mood = mood, MoodRecognized = mood is not null, MessageSid = "s" };
        var quoted = FollowThrough.Excerpt(answer);
        Assert.Equal(excerpt, quoted);
        if (quoted is not null) Assert.True(quoted.Length <= FollowThrough.ExcerptLength && Gsm7.IsBasic(quoted));
    }

    [Fact]
    public void No_follow_through_on_an_answer_with_a_care_signal_after_a_follow_through_or_without_sharing()
    {
        var question = Catalog.For(Slot.Evening).First(p => p.FollowUp is not null);
        var couple = Couples.Couple(Monday);
        var evenings = new List<Pick> { new(Monday.DayNumber, Pick.Both, question.Id) };
        List<AnswerRecord> Written(CareSignal care) =>
        [
            new(Monday, "a", "a warm croissant") { PromptId = question.Id, MessageSid = "a", Care = care },
            new(Monday, "b", "long walks, calm") { PromptId = question.Id, MessageSid = "b" },
        ];
        List<AnsweredNight> Answers(CareSignal care) => [.. Written(care).Select(a => AnsweredNight.Of(a, Lexicon))];
        var tuesday = Monday.AddDays(1);
        Assert.Equal(question, FollowThrough.Due(couple, tuesday, Catalog, evenings, [], Answers(CareSignal.None)));
        Assert.Contains("a warm croissant", FollowThrough.Compose(couple, couple.B, question, Written(CareSignal.None)[0]));
        Assert.Null(FollowThrough.Compose(couple, couple.B, question, Written(CareSignal.Distress)[0]));
        Assert.Null(FollowThrough.Compose(couple, couple.A, question, Written(CareSignal.None)[0]));
        Assert.Null(FollowThrough.Due(couple, tuesday, Catalog, evenings, [], Answers(CareSignal.Distress)));
        Assert.Null(FollowThrough.Due(couple, tuesday, Catalog, evenings, [], Answers(CareSignal.Safety)));
        Assert.Null(FollowThrough.Due(couple, tuesday, Catalog, evenings, [new(Monday.DayNumber, "a", FollowThrough.PickPrefix + "q001")], Answers(CareSignal.None)));
        Assert.Null(FollowThrough.Due(couple, tuesday, Catalog, evenings, [], Answers(CareSignal.None).Take(1).ToList()));
        couple.A.ShareOff = true;
        Assert.Null(FollowThrough.Due(couple, tuesday, Catalog, evenings, [], Answers(CareSignal.None)));
    }

    [Fact]
    public void The_mood_word_ask_shortens_then_goes_and_comes_back_after_a_night_without_one()
    {
        List<AnsweredNight> Nights(int count, bool lastWithMood) => Enumerable.Range(1, count).Select(n => AnsweredNight.Of(new AnswerRecord(Monday.AddDays(-n), "a", "x")
        {
            Mood = n == 1 && !lastWithMood ? null : "happy",
            MoodRecognized = n != 1 || lastWithMood,
            MessageSid = $"{n}",
        }, Lexicon)).ToList();
        Assert.Equal(QuestionEnding.Stage.Full, QuestionEnding.For("a", Monday, Nights(3, true)));
        Assert.Equal(QuestionEnding.Stage.Short, QuestionEnding.For("a", Monday, Nights(QuestionEnding.ShortAfter, true)));
        Assert.Equal(QuestionEnding.Stage.None, QuestionEnding.For("a", Monday, Nights(QuestionEnding.DropAfter, true)));
        Assert.Equal(QuestionEnding.Stage.Full, QuestionEnding.For("a", Monday, Nights(14, false)));
        Assert.Equal(QuestionEnding.Stage.Full, QuestionEnding.For("b", Monday, Nights(14, true)));
        Assert.NotEqual(QuestionEnding.Of(QuestionEnding.Stage.Full, 3, Catalog), QuestionEnding.Of(QuestionEnding.Stage.Short, 3, Catalog));
        Assert.Equal("", QuestionEnding.Of(QuestionEnding.Stage.None, 3, Catalog));
    }

    private static List<Prompt> Made(int count, Depth depth, string tag) =>
        Enumerable.Range(0, count).Select(i => new Prompt($"{tag}{depth}{i}", Prompt.Question, [tag], $"{tag} {depth} {i}?") { Depth = depth }).ToList();

    [Fact]
    public void After_a_heavy_week_no_skill_drill_and_light_or_supportive_after_a_strong_one_now_and_then_deeper()
    {
        var prompts = Made(20, Depth.Deep, "skill:echo").Concat(Made(20, Depth.Warm, "skill:needs")).Concat(Made(5, Depth.Warm, "kindness"))
            .Concat(Made(5, Depth.Light, "play")).Concat(Made(20, Depth.Warm, "memory")).Concat(Made(10, Depth.Deep, "romantic")).ToList();
        var heavy = Enumerable.Range(0, 60).Select(s => PromptChoice.Choose(prompts, Monday, new RotationContext(40, false, false, []) { Week = WeekWeight.Heavy }, (ulong)s)).ToList();
        Assert.DoesNotContain(heavy, p => p.Tags.Any(t => t.StartsWith("skill:", StringComparison.Ordinal)));
        Assert.All(heavy, p => Assert.True(p.Depth == Depth.Light || p.Tags.Contains("kindness") || p.Tags.Contains("play"), p.Id));
        var strong = Enumerable.Range(0, 60).Select(s => PromptChoice.Choose(prompts, Monday, new RotationContext(40, false, false, []) { Week = WeekWeight.Strong }, (ulong)s)).ToList();
        Assert.All(strong.Where((_, s) => s % 2 == 0), p => Assert.True(p.Depth == Depth.Deep || p.Tags.Contains("romantic"), p.Id));
        Assert.Contains(strong.Where((_, s) => s % 2 == 1), p => p.Depth != Depth.Deep);
    }

    [Fact]
    public void A_conditional_prompt_goes_only_while_its_condition_holds_and_the_listening_date_brings_its_own()
    {
        var everyday = Made(10, Depth.Light, "play");
        var listening = Made(3, Depth.Light, "talk").Select(p => p with { Id = "L" + p.Id, When = Condition.ListeningDate }).ToList();
        var missed = Made(3, Depth.Light, "kindness").Select(p => p with { Id = "M" + p.Id, When = Condition.MissedNight }).ToList();
        List<Prompt> prompts = [.. everyday, .. listening, .. missed];
        RotationContext Context(bool listens = false, bool today = false, bool miss = false) => new(40, false, false, []) { Listening = listens, ListeningToday = today, Missed = miss };
        var plain = Enumerable.Range(0, 80).Select(s => PromptChoice.Choose(prompts, Monday, Context(), (ulong)s)).ToList();
        Assert.All(plain, p => Assert.Null(p.When));
        Assert.Contains(Enumerable.Range(0, 80).Select(s => PromptChoice.Choose(prompts, Monday, Context(miss: true), (ulong)s)), p => p.When == Condition.MissedNight);
        Assert.All(Enumerable.Range(0, 20).Select(s => PromptChoice.Choose(prompts, Monday, Context(listens: true, today: true), (ulong)s)), p => Assert.Equal(Condition.ListeningDate, p.When));
    }

    /// <summary>A made-up couple both opted in, sharing on.</summary>
    private static class Couples
    {
        public static Couple Couple(DateOnly epoch) => new()
        {
            Id = "c1",
            CreatedUtc = new DateTimeOffset(epoch.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
            TimeZone = "America/Chicago",
            A = Partner("a", "Ana"),
            B = Partner("b", "Sam"),
        };

        private static Partner Partner(string key, string name) => new()
        {
            Key = key,
            Name = name,
            Phone = key == "a" ? "+13125550181" : "+13125550182",
            TimeZone = "America/Chicago",
            MorningTime = new TimeOnly(8, 0),
            EveningTime = new TimeOnly(20, 30),
            Consent = ConsentState.OptedIn,
        };
    }
}
