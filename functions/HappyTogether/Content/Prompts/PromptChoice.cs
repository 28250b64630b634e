using HappyTogether.Foundation.Moods;
using HappyTogether.Model.Couples;

namespace HappyTogether.Content.Prompts;

/// <summary>A prompt the couple was given: on which local date (as a day number), to whom ("*" for both), which
/// one.</summary>
public sealed record Pick(int Day, string Partner, string PromptId)
{
    public const string Both = "*";
}

/// <summary>What the rotation knows on a date: how far into the program, where the couple is, how last night went, and
/// the year's picks.</summary>
public sealed record RotationContext(int DayIndex, bool Apart, bool Lighter, IReadOnlyList<Pick> Recent)
{
    /// <summary>Someone skipped or left the last question night unanswered (conditional ideas may go; evenings also
    /// go <see cref="Lighter"/>).</summary>
    public bool Missed { get; init; }

    /// <summary>How the last seven days weighed: heavy leans light and supportive, strong may go deeper.</summary>
    public WeekWeight Week { get; init; }

    /// <summary>The couple set a listening date.</summary>
    public bool Listening { get; init; }

    /// <summary>Today is the listening date: its texts come first.</summary>
    public bool ListeningToday { get; init; }

    /// <summary>The couple set a ritual of their own.</summary>
    public bool Ritual { get; init; }

    /// <summary>What the couple said about their household.</summary>
    public Household Home { get; init; } = Household.Unknown;
}

/// <summary>
/// The rotation's rules, with no storage: one prompt for a date from what is allowed and not used for a year.
/// <list type="bullet">
/// <item>No prompt the couple had in the last <see cref="NoRepeatDays"/> days, while any other fits.</item>
/// <item>Calendar words hold on the date; a couple apart never gets an idea that needs them in one place, and only
/// couples who live apart get ideas for couples apart.</item>
/// <item>Depth rises: light only in the first week, light or warm until day 21, then mixed, never more than two deep in
/// a row.</item>
/// <item>After a skipped or unanswered night, light.</item>
/// <item>A conditional prompt only while its condition holds; nothing the household ruled out.</item>
/// <item>After a heavy week, light and supportive, no skill drills; after a strong one, now and then deeper or
/// romantic; on the listening date, its texts.</item>
/// </list>
/// Among what is left, the seed (a hash of couple, slot and date) picks, so a retry picks the same.
/// </summary>
public static class PromptChoice
{
    public const int NoRepeatDays = 365;
    public const int LightDays = 7;
    public const int WarmDays = 21;

    public static Prompt Choose(IReadOnlyList<Prompt> prompts, DateOnly date, RotationContext context, ulong seed, IReadOnlySet<string>? exclude = null)
    {
        var day = date.DayNumber;
        var lastUsed = new Dictionary<string, int>();
        foreach (var pick in context.Recent) lastUsed[pick.PromptId] = Math.Max(pick.Day, lastUsed.GetValueOrDefault(pick.PromptId, int.MinValue));

        // Hard rules first: never broken, even when the catalog runs short. A prompt's condition and the household's
        // wishes are hard rules too.
        bool Fits(Prompt p) => p.FitsWhere(context.Apart, context.Home) && p.FitsHome(context.Home, context.Apart) && p.ConditionHolds(context);
        var allowed = prompts.Where(p => Fits(p) && p.FitsOn(date) && exclude?.Contains(p.Id) != true).ToList();
        if (allowed.Count == 0) allowed = prompts.Where(Fits).ToList();
        if (allowed.Count == 0) allowed = prompts.Where(p => p.FitsWhere(context.Apart, context.Home)).ToList();
        var fresh = allowed.Where(p => !lastUsed.TryGetValue(p.Id, out var used) || used <= day - NoRepeatDays).ToList();
        if (fresh.Count == 0)
            return allowed.OrderBy(p => lastUsed.GetValueOrDefault(p.Id, int.MinValue)).ThenBy(p => p.Id, StringComparer.Ordinal).First();

        // Then preferences, each kept only while something is left.
        var depths = Depths(context, day, prompts);
        var pool = Narrow(fresh, p => depths.Contains(p.Depth));
        if (context.Week == WeekWeight.Heavy)
        {
            // After a heavy week: no skill drills, and light or supportive.
            pool = Narrow(pool, p => !p.Tags.Any(t => t.StartsWith(SkillTag, StringComparison.Ordinal)));
            pool = Narrow(pool, p => p.Depth == Depth.Light || p.Tags.Any(Supportive.Contains));
        }
        else if (context.Week == WeekWeight.Strong && context.DayIndex >= WarmDays && seed % 2 == 0)
            // After a strong week, every other day or so, deeper or romantic.
            pool = Narrow(pool, p => p.Depth == Depth.Deep || p.Tags.Contains(RomanticTag));
        if (context.ListeningToday) pool = Narrow(pool, p => p.When == Condition.ListeningDate);
        return pool[(int)(seed % (ulong)pool.Count)];
    }

    /// <summary>Tags that start a skill drill, which a heavy week skips.</summary>
    public const string SkillTag = "skill:";

    private const string RomanticTag = "romantic";

    /// <summary>Tags a heavy week leans to.</summary>
    private static readonly HashSet<string> Supportive = ["kindness", "support", "humour", "calm", "play", "gratitude", "appreciation", "checkin"];

    private static List<Prompt> Narrow(List<Prompt> pool, Func<Prompt, bool> preferred) =>
        pool.Where(preferred).ToList() is { Count: > 0 } narrowed ? narrowed : pool;

    private static HashSet<Depth> Depths(RotationContext context, int day, IReadOnlyList<Prompt> prompts)
    {
        if (context.Lighter || context.DayIndex < LightDays) return [Depth.Light];
        if (context.DayIndex < WarmDays) return [Depth.Light, Depth.Warm];
        var deepBefore = context.Recent.Count(p => p.Day >= day - 2 && p.Day < day && prompts.FirstOrDefault(q => q.Id == p.PromptId)?.Depth == Depth.Deep);
        return deepBefore >= 2 ? [Depth.Light, Depth.Warm] : [Depth.Light, Depth.Warm, Depth.Deep];
    }
}
