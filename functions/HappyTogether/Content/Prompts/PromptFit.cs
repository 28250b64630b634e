using HappyTogether.Foundation.Moods;
using HappyTogether.Model.Couples;

namespace HappyTogether.Content.Prompts;

/// <summary>What must hold for a conditional prompt to go: it goes on no other day.</summary>
public enum Condition
{
    /// <summary>Someone skipped or left the last question night unanswered.</summary>
    MissedNight,

    /// <summary>The last seven days' mood words ran heavy (the recap's rule).</summary>
    HeavyWeek,

    /// <summary>The couple set a weekly listening date (LISTEN).</summary>
    ListeningDate,

    /// <summary>The couple has no listening date yet: an invitation to set one.</summary>
    NoListeningDate,

    /// <summary>The couple set a weekly ritual of their own (RITUAL).</summary>
    Ritual,
}

/// <summary>What an idea asks of a household, which HOME can rule out.</summary>
public enum Need
{
    /// <summary>Both at one home the same evening or morning: not for couples who live apart in town.</summary>
    SharedHome,

    /// <summary>Costs real money: not after "no spending".</summary>
    Spending,

    /// <summary>Walking, dancing or the like with no alternative in the text: not after "no long walks".</summary>
    Walking,

    /// <summary>A long kid-free stretch at home: not for couples with kids at home.</summary>
    FreeEvening,
}

/// <summary>The households a prompt can be written for alone.</summary>
public enum HouseholdKind
{
    /// <summary>Kids at home: ideas that work around bedtimes.</summary>
    Kids,

    /// <summary>Living apart in one town: ideas for meeting up.</summary>
    ApartInTown,
}

/// <summary>The rules that keep a prompt to the couples and days it is written for.</summary>
public static class PromptFit
{
    /// <summary>True when the couple is where the idea needs them: in one place for a together idea (not apart in two
    /// zones, not after APART), living apart for an apart idea (in two zones, or in one town as HOME said).</summary>
    public static bool FitsWhere(this Prompt prompt, bool apart, Household home) => prompt.Setting switch
    {
        Setting.Together => !apart,
        Setting.Apart => apart || home.LivesApart == true,
        _ => true,
    };

    /// <summary>True when nothing the household said rules the prompt out, and it is for any household or for this
    /// one.</summary>
    public static bool FitsHome(this Prompt prompt, Household home, bool apart) =>
        prompt.For switch
        {
            HouseholdKind.Kids => home.Kids == true,
            HouseholdKind.ApartInTown => home.LivesApart == true && !apart,
            _ => true,
        }
        && !(home.LivesApart == true && prompt.Needs.Contains(Need.SharedHome))
        && !(home.Kids == true && prompt.Needs.Contains(Need.FreeEvening))
        && !(home.NoSpending && prompt.Needs.Contains(Need.Spending))
        && !(home.NoLongWalks && prompt.Needs.Contains(Need.Walking));

    /// <summary>True when the prompt's condition, if it has one, holds in <paramref name="context"/>.</summary>
    public static bool ConditionHolds(this Prompt prompt, RotationContext context) => prompt.When switch
    {
        null => true,
        Condition.MissedNight => context.Missed,
        Condition.HeavyWeek => context.Week == WeekWeight.Heavy,
        Condition.ListeningDate => context.Listening,
        Condition.NoListeningDate => !context.Listening,
        Condition.Ritual => context.Ritual,
        _ => false,
    };

    /// <summary>A word of the catalog ("missed-night", "shared-home") as its enum value.</summary>
    internal static T Parse<T>(string word, string id) where T : struct, Enum =>
        Enum.TryParse<T>(word.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"Prompt {id} has unknown {typeof(T).Name.ToLowerInvariant()} '{word}'.");
}
