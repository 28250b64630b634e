using HappyTogether.Couples;
using HappyTogether.Scheduling;

namespace HappyTogether.Prompts;

/// <summary>
/// Picks each day's prompt for a couple without storing any state: day n of the couple's life uses
/// position n of a per-couple shuffle of the catalogue, and every pass over a kind uses a fresh
/// shuffle. So no prompt repeats until its whole kind has been used, both partners get the same
/// prompt on the same local date, and a retried send picks the same text.
/// </summary>
public sealed class PromptRotation(PromptCatalogue catalogue)
{
    public PromptCatalogue Catalogue => catalogue;

    /// <summary>The prompt of <paramref name="slot"/> for the couple on the given local date.</summary>
    public Prompt PromptFor(Couple couple, Slot slot, DateOnly date)
    {
        var prompts = catalogue.For(slot);
        var (pass, position) = Locate(couple, prompts.Count, date);
        return prompts[Order(couple.Id, slot, pass, prompts.Count)[position]];
    }

    /// <summary>The full text of a scheduled prompt as sent to <paramref name="recipient"/>.</summary>
    public (Prompt Prompt, string Body) Compose(Couple couple, Partner recipient, Slot slot, DateOnly date)
    {
        var prompt = PromptFor(couple, slot, date);
        var body = prompt.Render(couple.Other(recipient).TextName);
        if (slot == Slot.Evening && catalogue.QuestionSuffixes.Count > 0)
        {
            var day = date.DayNumber - couple.Epoch.DayNumber;
            body += catalogue.QuestionSuffixes[(int)Mod(day, catalogue.QuestionSuffixes.Count)];
        }
        return (prompt, body);
    }

    private static (long Pass, int Position) Locate(Couple couple, int count, DateOnly date)
    {
        long day = date.DayNumber - couple.Epoch.DayNumber;
        return ((long)Math.Floor((double)day / count), (int)Mod(day, count));
    }

    private static long Mod(long value, int modulus) => ((value % modulus) + modulus) % modulus;

    private static int[] Order(string coupleId, Slot slot, long pass, int count)
    {
        var order = Shuffle(coupleId, slot, pass, count);
        // A new pass must not open with the prompt the previous pass ended on.
        if (count > 1 && order[0] == Shuffle(coupleId, slot, pass - 1, count)[count - 1])
            (order[0], order[1]) = (order[1], order[0]);
        return order;
    }

    private static int[] Shuffle(string coupleId, Slot slot, long pass, int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var state = Text.StableHash.Of($"{coupleId}|{slot}|{pass}");
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(SplitMix(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    // SplitMix64 over a stable hash: fixed algorithms, so the rotation never changes with the runtime.
    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
