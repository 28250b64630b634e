using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// One family of keywords: the ids it takes, in which consent states, and what they do. Conversation
/// looks the text's keyword id and the partner's consent state up among the registered handlers; a
/// keyword no handler takes in that state gets the state's default (opted in: an answer; invited: the
/// not-yet-joined reply; opted out: silence). A family's rules live with what its keywords are about.
/// </summary>
public interface IKeywordHandler
{
    /// <summary>
    /// The keyword ids this handles (as keywords.&lt;language&gt;.json names them), each with the consent
    /// states it answers in.
    /// </summary>
    IReadOnlyList<KeywordUse> Handles { get; }

    /// <summary>What the keyword does for this partner, and the reply.</summary>
    Task<Handled> HandleAsync(PartnerText text, CancellationToken ct);
}

/// <summary>Each keyword id and consent state to the one handler that takes it; two for one fail at start-up.</summary>
public sealed class KeywordRoutes
{
    private readonly Dictionary<(string, ConsentState), IKeywordHandler> routes = [];

    public KeywordRoutes(IEnumerable<IKeywordHandler> handlers)
    {
        foreach (var handler in handlers)
        {
            foreach (var (id, state) in handler.Handles.SelectMany(use => use.In.Select(state => (use.Id, state))))
            {
                if (routes.TryAdd((id, state), handler)) continue;
                var first = routes[(id, state)].GetType().Name;
                var second = handler.GetType().Name;
                throw new InvalidOperationException($"{first} and {second} both take {id} from a partner {state}.");
            }
        }
    }

    /// <summary>The handler of <paramref name="keyword"/> in <paramref name="state"/>, if any.</summary>
    public IKeywordHandler? For(string keyword, ConsentState state) => routes.GetValueOrDefault((keyword, state));
}

/// <summary>A keyword id a handler takes, and the consent states in which it does.</summary>
public sealed record KeywordUse(string Id, params ConsentState[] In);

/// <summary>
/// What handling a text came to: the reply; <paramref name="Stored"/> when there is nothing left for
/// the router to store (the reply went in with the answer it acknowledges, or the couple is being
/// erased and keeps nothing, not even this reply); <paramref name="Again"/> when the couple must be
/// read again; <paramref name="IsAnswer"/> when the text is an answer after all.
/// </summary>
public readonly record struct Handled(string? Reply, bool Stored = false, bool Again = false, bool IsAnswer = false)
{
    /// <summary>No reply at all.</summary>
    public static Handled Silence => new(null);

    /// <summary>Not a command after all: the router hands the text on as an answer.</summary>
    public static Handled Answer => new(null, IsAnswer: true);

    public static implicit operator Handled(string? reply) => new(reply);
}

/// <summary>
/// A partner's text, with what handling it needs: the command, the couple as read, the partner's week
/// of history, the time.
/// </summary>
public sealed record PartnerText(
    InboundText Text, Command Command, Couple Couple, Partner Partner, RecentHistory Recent, DateTimeOffset Now)
{
    /// <summary>The partner's local date.</summary>
    public DateOnly Today { get; } = ZoneTime.LocalDate(Now, Partner.Zone);

    public string Body => Text.Body ?? "";

    /// <summary>
    /// A keyword whose argument does not parse: its example, or the text is an answer. "Zone out with
    /// you", "pause 5 minutes and hug me": a keyword's word in lower case before words that are no
    /// argument starts an answer. In capitals, or before one word or a number, it is a command.
    /// </summary>
    public Handled ExampleOrAnswer(string example) =>
        Keywords.StartsInCapitals(Text.Body) || Command.Argument is not { } argument
            || !argument.Contains(' ') || (char.IsAsciiDigit(argument[0]) && argument.Split(' ').Length <= 2)
            ? example
            : Handled.Answer;
}

/// <summary>Changes to the couple a keyword makes, saved from the copy this request has already read.</summary>
public static class CoupleChanges
{
    /// <summary>Applies <paramref name="change"/> and saves it; null when the couple is gone.</summary>
    public static Task<Couple?> ChangeAsync(
        this CoupleStore couples, Couple read, Action<Couple> change, CancellationToken ct) =>
        couples.MutateAsync(read, c =>
        {
            change(c);
            return true;
        }, ct);
}
