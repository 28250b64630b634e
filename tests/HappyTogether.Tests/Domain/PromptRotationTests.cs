using HappyTogether.Couples;
using HappyTogether.Prompts;
using HappyTogether.Scheduling;

namespace HappyTogether.Tests.Domain;

public class PromptRotationTests
{
    private readonly PromptRotation rotation = new(PromptCatalogue.Load());

    internal static Couple Couple(string id = "c0ffee", string zoneA = "America/Chicago", string zoneB = "America/Chicago") => new()
    {
        Id = id,
        CreatedUtc = new DateTimeOffset(2027, 1, 4, 18, 0, 0, TimeSpan.Zero),
        TimeZone = "America/Chicago",
        A = new Partner { Key = "a", Name = "Ana", Phone = "+13125550181", TimeZone = zoneA, MorningTime = new(8, 0), EveningTime = new(20, 30) },
        B = new Partner { Key = "b", Name = "Sam", Phone = "+13125550182", TimeZone = zoneB, MorningTime = new(8, 0), EveningTime = new(20, 30) },
    };

    [Theory]
    [InlineData(Slot.Morning)]
    [InlineData(Slot.Evening)]
    public void No_prompt_repeats_until_the_whole_kind_is_used(Slot slot)
    {
        var couple = Couple();
        var count = rotation.Catalogue.For(slot).Count;
        // Three passes: each block of `count` days uses every prompt exactly once.
        var ids = Enumerable.Range(0, 3 * count).Select(d => rotation.PromptFor(couple, slot, couple.Epoch.AddDays(d)).Id).ToList();
        for (var pass = 0; pass < 3; pass++)
            Assert.Equal(count, ids.Skip(pass * count).Take(count).Distinct().Count());
        // No prompt on two consecutive days, across pass boundaries too.
        Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void Both_partners_get_the_same_question_on_the_same_evening_and_a_retry_gets_the_same_text()
    {
        var couple = Couple();
        var date = couple.Epoch.AddDays(40);
        var (promptA, bodyA) = rotation.Compose(couple, couple.A, Slot.Evening, date);
        var (promptB, _) = rotation.Compose(couple, couple.B, Slot.Evening, date);
        Assert.Equal(promptA.Id, promptB.Id);
        Assert.Equal(bodyA, rotation.Compose(couple, couple.A, Slot.Evening, date).Body);
    }

    [Fact]
    public void Couples_get_different_orders()
    {
        var first = Enumerable.Range(0, 10).Select(d => rotation.PromptFor(Couple("one"), Slot.Evening, new DateOnly(2027, 1, 4).AddDays(d)).Id);
        var second = Enumerable.Range(0, 10).Select(d => rotation.PromptFor(Couple("two"), Slot.Evening, new DateOnly(2027, 1, 4).AddDays(d)).Id);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Gesture_names_the_other_partner()
    {
        var couple = Couple();
        var withName = rotation.Catalogue.Gestures.First(p => p.Text.Contains(Prompt.PartnerPlaceholder));
        Assert.Contains("Sam", withName.Render(couple.Other(couple.A).TextName));
        Assert.DoesNotContain("{", withName.Render("Sam"));
    }
}
