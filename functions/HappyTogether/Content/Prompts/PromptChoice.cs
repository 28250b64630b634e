namespace HappyTogether.Content.Prompts;

/// <summary>A prompt the couple was given: on which local date (as a day number), to whom ("*" for both), which
/// one.</summary>
public sealed record Pick(int Day, string Partner, string PromptId)
{
    public const string Both = "*";
}

/// <summary>What the rotation knows on a date: how far into the program, where the couple is, how last night went, and
/// the year's picks.</summary>
public sealed record RotationContext(int DayIndex, bool Apart, bool Lighter, IReadOnlyList<Pick> Recent);

/// <summary>
/// The rotation's rules, with no storage: one prompt for a date from what is allowed and not used for a year.
/// <list type="bullet">
/// <item>No prompt the couple had in the last <see cref="NoRepeatDays"/> days, while any other fits.</item>
/// <item>Calendar words hold on the date; a couple apart never gets an idea that needs them in one place.</item>
/// <item>Depth rises: light only in the first week, light or warm until day 21, then mixed, never more than two deep in
/// a row.</item>
/// <item>After a skipped or unanswered night, light.</item>
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

        // Hard rules first: never broken, even when the catalog runs short.
        var allowed = prompts.Where(p => p.FitsOn(date) && !(context.Apart && p.Setting == Setting.Together) && exclude?.Contains(p.Id) != true).ToList();
        if (allowed.Count == 0) allowed = prompts.Where(p => !(context.Apart && p.Setting == Setting.Together)).ToList();
        var fresh = allowed.Where(p => !lastUsed.TryGetValue(p.Id, out var used) || used <= day - NoRepeatDays).ToList();
        if (fresh.Count == 0)
            return allowed.OrderBy(p => lastUsed.GetValueOrDefault(p.Id, int.MinValue)).ThenBy(p => p.Id, StringComparer.Ordinal).First();

        var depths = Depths(context, day, prompts);
        var preferred = fresh.Where(p => depths.Contains(p.Depth)).ToList();
        var pool = preferred.Count > 0 ? preferred : fresh;
        return pool[(int)(seed % (ulong)pool.Count)];
    }

    private static HashSet<Depth> Depths(RotationContext context, int day, IReadOnlyList<Prompt> prompts)
    {
        if (context.Lighter || context.DayIndex < LightDays) return [Depth.Light];
        if (context.DayIndex < WarmDays) return [Depth.Light, Depth.Warm];
        var deepBefore = context.Recent.Count(p => p.Day >= day - 2 && p.Day < day && prompts.FirstOrDefault(q => q.Id == p.PromptId)?.Depth == Depth.Deep);
        return deepBefore >= 2 ? [Depth.Light, Depth.Warm] : [Depth.Light, Depth.Warm, Depth.Deep];
    }
}
