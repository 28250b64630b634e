using HappyTogether.Foundation.Settings;
using Microsoft.Extensions.Options;
using static HappyTogether.Model.Couples.ConsentState;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// HELP (one segment: what this is, costs, the operator, MORE and STOP) and MORE (every keyword). Answered in every
/// consent state, after STOP too: carriers expect HELP to be answered always, and MORE is what HELP points to. A HELP
/// that Twilio's Advanced Opt-Out classified (OptOutType=HELP) was already answered by Twilio with the Messaging
/// Service's help text, so the app stays silent rather than send a second, billed reply (docs/TWILIO.md).
/// </summary>
public sealed class HelpKeywords(IOptions<HappyTogetherOptions> options) : IKeywordHandler
{
    public IReadOnlyList<KeywordUse> Handles { get; } =
    [
        new(Keyword.Help, OptedIn, Invited, OptedOut),
        new(Keyword.More, OptedIn, Invited, OptedOut),
    ];

    public Task<Handled> HandleAsync(PartnerText text, CancellationToken ct) => Task.FromResult<Handled>(
        text.Command.Keyword == Keyword.More ? ReplyTexts.More
        : text.Command.AnsweredByTwilio ? Handled.Silence
        : ReplyTexts.Help(options.Value.OperatorContact));
}
