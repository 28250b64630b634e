using Azure.Data.Tables;
using CsCheck;
using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Moods;
using HappyTogether.Model.History;

namespace HappyTogether.Tests.Domain;

/// <summary>An answered night as the rotation row keeps it: what it takes from an answer, and that it reads back whole.</summary>
public class AnsweredNightTests
{
    private static readonly MoodLexicon Lexicon = MoodLexicon.Load();
    private static readonly DateOnly Monday = new(2027, 1, 4);

    private static readonly Gen<AnsweredNight> Nights =
        from day in Gen.Int[Monday.DayNumber - 400, Monday.DayNumber + 400]
        from partner in Gen.OneOf("a", "b")
        from hasPrompt in Gen.Bool
        from id in Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-~:"].Array[1, 24]
        from mood in Gen.Bool
        from sign in Gen.Int[-1, 1]
        from withheld in Gen.Bool
        from quotable in Gen.Bool
        select new AnsweredNight(DateOnly.FromDayNumber(day), partner, hasPrompt ? new string(id) : null, mood, mood ? sign : 0, withheld, quotable);

    [Fact]
    public void A_night_noted_on_the_rotation_row_reads_back_as_it_was_written() =>
        Nights.Sample(night =>
        {
            var note = RotationLog.Note("c1", night);
            var (name, value) = Assert.Single((TableEntity)note.Entity, p => p.Key.StartsWith("Night", StringComparison.Ordinal));
            Assert.Equal(night, AnsweredNight.Parse(night.Partner, (string)value));
            var row = new TableEntity("c1", "rotation") { [name] = value };
            var forget = RotationLog.Forget("c1", row, night.Date.AddDays(1));
            Assert.NotNull(forget);
            Assert.Null(RotationLog.Forget("c1", row, night.Date));
            var column = Assert.Single(RotationLog.NightColumns, c => c.Name == name);
            Assert.Equal(night.Partner, column.Partner);
        });

    [Theory]
    [InlineData("A walk by the river. happy", "happy", CareSignal.None, true, 1, false, true)]
    [InlineData("The soup, tired", "tired", CareSignal.None, true, -1, false, true)]
    [InlineData("happy", "happy", CareSignal.None, true, 1, false, false)]
    [InlineData("Pizza on the floor. zorbly", "zorbly", CareSignal.None, true, 0, false, true)]
    [InlineData("I can't see the point of anything anymore", null, CareSignal.Distress, false, 0, false, false)]
    [InlineData("I'm scared of what he does when he drinks", null, CareSignal.Safety, false, 0, true, false)]
    public void A_night_takes_the_mood_words_sign_whether_it_was_withheld_and_whether_a_follow_through_may_quote_it(
        string text, string? mood, CareSignal care, bool recognized, int sign, bool withheld, bool quotable)
    {
        var answer = new AnswerRecord(Monday, "a", text) { PromptId = "q1", Mood = mood, MoodRecognized = mood is not null, Care = care, MessageSid = "SM1" };
        Assert.Equal(new AnsweredNight(Monday, "a", "q1", recognized, sign, withheld, quotable), AnsweredNight.Of(answer, Lexicon));
    }
}
