using System.Text.RegularExpressions;
using HappyTogether.Entry.Inbound;
using HappyTogether.Lifecycle.Program;

namespace HappyTogether.Tests.Faults;

/// <summary>
/// Who may be texted, worked out from what each number texted in (and the dialogue replies that tell
/// which step of a sign-up it reached), never from the app's consent log. Numbers join a couple only by
/// their own YES to an invitation that reached them, their own sign-up or their own JOIN code; STOP
/// silences a number until it opts in again. <see cref="Judge"/> replays a simulation step by step and
/// checks every text that went out against this model.
/// </summary>
public sealed partial class TrustModel
{
    /// <summary>Starts every answer a number texts, with a counter: where an answer travels can be traced.</summary>
    public const string AnswerToken = "zq";
    private static readonly TimeSpan DeleteWindow = TimeSpan.FromMinutes(10);

    private enum Slot { Named, Delivered, Declined, Closed, Joined, NamedClosed }

    private enum Consent { Invited, OptedIn, OptedOut }

    /// <summary>A couple as the texts formed it; Slots says where each named number stands.</summary>
    private sealed class ModelCouple(int id, string source)
    {
        public int Id { get; } = id;
        public string Source { get; } = source;
        public Dictionary<string, Slot> Slots { get; } = [];
        public bool Erased { get; set; }
    }

    private sealed class Person
    {
        public bool Stopped;
        public ModelCouple? Couple;
        public Consent Consent;
        public DateTimeOffset? MemberDeleteAsked;
        public DateTimeOffset? StrangerDeleteAsked;
        public string? NamedNumber;
        public string? JoiningOwner;
    }

    private readonly Dictionary<string, Person> people = Scenarios.Numbers.ToDictionary(n => n, _ => new Person());
    private readonly List<ModelCouple> couples = [];
    private readonly Dictionary<string, string> codeOwners = [];
    private readonly HashSet<(string From, string To)> smsInvitations = [];
    private readonly Dictionary<string, (string From, ModelCouple? Couple)> answers = [];
    private readonly List<string> found = [];

    /// <summary>Every broken invariant, one line each; empty when all hold.</summary>
    public static List<string> Judge(CoupleSimulation simulation)
    {
        var model = new TrustModel();
        for (var step = 1; step <= simulation.Scenario.Ops.Count; step++)
        {
            // Who may be texted before the step's own text: a farewell or reveal the text sets off goes out under it.
            var before = model.people.ToDictionary(p => p.Key, p => (Eligible: model.Eligible(p.Key), p.Value.Couple));
            var input = simulation.Texted.SingleOrDefault(t => t.Step == step);
            if (input is not null) model.Apply(input);
            if (simulation.Enrollments.TryGetValue(step, out var enroll) && enroll.Enrolled)
                model.NewCouple("admin", (enroll.Op.X, Slot.Named), (enroll.Op.Y, Slot.Named));
            foreach (var text in simulation.Sent.Where(t => t.Step == step))
                model.Check(text, input, before[text.To]);
        }
        model.found.AddRange(Timing.Violations(simulation));
        return model.found;
    }

    /// <summary>An opted-in member of a couple it joined itself, who has not stopped since.</summary>
    private bool Eligible(string number) => people[number] is { Couple: not null, Consent: Consent.OptedIn, Stopped: false };

    private static bool IsStop(string body) => Scenarios.StopWords.Contains(body);

    /// <summary>The one who joined with a code, while the code's owner has not joined: their opt-in words start nothing
    /// yet.</summary>
    private bool WaitsForCodeOwner(ModelCouple couple, string number) =>
        couple.Source == "code" && couple.Slots.GetValueOrDefault(number) == Slot.Joined
        && !people.Any(p => p.Key != number && p.Value.Couple == couple && p.Value.Consent == Consent.OptedIn);

    private static bool IsOptIn(string body) => body is "YES" or "yes" || Scenarios.StartWords.Contains(body);

    private ModelCouple NewCouple(string source, params (string Number, Slot Slot)[] slots)
    {
        var couple = new ModelCouple(couples.Count + 1, source);
        foreach (var (number, slot) in slots)
        {
            couple.Slots[number] = slot;
            if (slot != Slot.Joined) continue;
            // Signed up or joined with a code: the number is theirs, and YES (or START) starts their texts.
            people[number].Couple = couple;
            people[number].Consent = Consent.Invited;
            people[number].MemberDeleteAsked = null;
        }
        couples.Add(couple);
        return couple;
    }

    private void Erase(ModelCouple couple)
    {
        couple.Erased = true;
        foreach (var person in people.Values.Where(p => p.Couple == couple)) person.Couple = null;
    }

    private void Apply(InText text)
    {
        var person = people[text.From];
        var body = text.Body;
        var isCode = body.StartsWith("JOIN ", StringComparison.Ordinal);
        if (AnswerTokens().Match(body) is { Success: true } answer)
            answers[answer.Value] = (text.From, person is { Couple: not null, Consent: Consent.OptedIn, Stopped: false } ? person.Couple : null);

        if (person.Couple is { } couple)
        {
            if (isCode)
            {
                // A member who never said YES, in a couple nobody accepted, leaves it to join with the code; anyone
                // else stays.
                var other = people.Where(p => p.Key != text.From && p.Value.Couple == couple).Select(p => p.Value).SingleOrDefault();
                if (person.Consent != Consent.Invited || other?.Consent == Consent.OptedIn) return;
                Erase(couple);
            }
            else
            {
                if (IsStop(body)) (person.Stopped, person.Consent) = (true, Consent.OptedOut);
                else if (IsOptIn(body) && !WaitsForCodeOwner(couple, text.From)) (person.Stopped, person.Consent) = (false, Consent.OptedIn);
                else if (body == "DELETE" && person.Consent != Consent.OptedOut) person.MemberDeleteAsked = text.Utc;
                else if (body == "DELETE YES" && (person.Consent == Consent.OptedOut || text.Utc - person.MemberDeleteAsked <= DeleteWindow)) Erase(couple);
                return;
            }
        }

        // Outside a couple.
        if (IsStop(body))
        {
            person.Stopped = true;
            person.NamedNumber = person.JoiningOwner = null;
            // Every invitation on record for the number is declined; one held back by an earlier join is not on record.
            foreach (var c in couples.Where(c => !c.Erased && c.Slots.GetValueOrDefault(text.From) is Slot.Named or Slot.Delivered)) c.Slots[text.From] = Slot.Declined;
            return;
        }
        if (isCode) person.Stopped = false;
        var open = couples.Where(c => !c.Erased && c.Slots.GetValueOrDefault(text.From) == Slot.Delivered).ToList();
        if (!isCode && open.Count > 0 && body == "DELETE") person.StrangerDeleteAsked = text.Utc;
        else if (!isCode && open.Count > 0 && body == "DELETE YES" && text.Utc - person.StrangerDeleteAsked <= DeleteWindow) open.ForEach(Erase);
        else if (!isCode && open.Count > 0 && Scenarios.YesWords.Contains(body))
        {
            // Their own YES to the one invitation that reached them; with several they are asked which.
            if (open.Count > 1) return;
            foreach (var c in couples.Where(c => !c.Erased && c.Slots.ContainsKey(text.From)))
                c.Slots[text.From] = c.Slots[text.From] switch { Slot.Delivered => Slot.Closed, Slot.Named => Slot.NamedClosed, var s => s };
            open[0].Slots[text.From] = Slot.Joined;
            (person.Couple, person.Consent, person.Stopped, person.MemberDeleteAsked) = (open[0], Consent.OptedIn, false, null);
            // The code's owner confirming starts the one who joined with the code: their JOIN was their opt-in.
            if (open[0].Source == "code")
                foreach (var joiner in people.Values.Where(p => p != person && p.Couple == open[0] && p.Consent == Consent.Invited)) joiner.Consent = Consent.OptedIn;
            person.NamedNumber = person.JoiningOwner = null;
            return;
        }
        else if (IsOptIn(body)) person.Stopped = false;
        FollowDialogue(text, person);
    }

    /// <summary>The sign-up dialogue, step by step as its replies tell: who was named, whose code was used, and the
    /// couple it formed.</summary>
    private void FollowDialogue(InText text, Person person)
    {
        var reply = text.Reply ?? "";
        if (Infrastructure.SignUpSteps.CodeIn(reply) is { Length: > 0 } code) codeOwners[code] = text.From;
        if (reply == SignUpTexts.AskPartnerName)
            person.NamedNumber = CoupleSimulation.Phones.Single(p => Digits(p.Value).EndsWith(Digits(text.Body), StringComparison.Ordinal)).Key;
        if (reply == SignUpTexts.AskJoinerName) person.JoiningOwner = codeOwners.GetValueOrDefault(text.Body["JOIN ".Length..]);
        if (reply.StartsWith("Done! We've invited", StringComparison.Ordinal) && person.NamedNumber is { } named)
            NewCouple("sms", (text.From, Slot.Joined), (named, Slot.Named));
        if (reply == ProgramTexts.PairingAsked && person.JoiningOwner is { } owner)
            NewCouple("code", (owner, Slot.Named), (text.From, Slot.Joined));
    }

    private static string Digits(string s) => new(s.Where(char.IsAsciiDigit).ToArray());

    private void Check(SentText text, InText? input, (bool Eligible, ModelCouple? Couple) before)
    {
        var to = people[text.To];
        var what = $"step {text.Step}: {text.Kind} to {text.To} at {text.Utc:yyyy-MM-dd HH:mm:ss}Z";

        // Between STOP and the next opt-in nothing goes out (Twilio confirms the STOP itself); the answer to HELP is
        // the one exception.
        if (to.Stopped && !(text.Kind == "reply" && text.InReplyTo == "HELP"))
            found.Add($"consent: {what} after {text.To} texted STOP");

        // Nothing reaches a number outside an accepted couple but a reply, its confirmation, or one invitation.
        switch (text.Kind)
        {
            case "reply":
                if (input?.From != text.To) found.Add($"trust: {what} answers a text {text.To} did not send");
                break;
            case HappyTogether.Model.Outbound.TextKind.Confirmation:
                // Their own YES, or for one who joined with a code, the code owner's YES that starts them both.
                var confirms = input?.From == text.To || (input is not null && people[text.To].Couple is { Source: "code" } joined && people[input.From].Couple == joined);
                if (!confirms || !Eligible(text.To)) found.Add($"trust: {what} confirms a YES that made {text.To} no member");
                break;
            case HappyTogether.Model.Outbound.TextKind.Invitation:
                CheckInvitation(text, what);
                break;
            default:
                if (!before.Eligible && !Eligible(text.To)) found.Add($"trust: {what} while {text.To} is no opted-in member of a couple it joined");
                break;
        }

        // An answer reaches only the one who wrote it and their partner in the couple it was written in.
        foreach (var token in AnswerTokens().Matches(text.Body).Select(m => m.Value))
        {
            if (!answers.TryGetValue(token, out var answer) || answer.From == text.To) continue;
            if (answer.Couple is null || (answer.Couple != to.Couple && answer.Couple != before.Couple))
                found.Add($"privacy: {what} carries {answer.From}'s answer {token}, written outside any couple with {text.To}");
        }
    }

    /// <summary>At most one invitation per couple that named the number, one per SMS inviter ever, never after the
    /// number stopped or declined.</summary>
    private void CheckInvitation(SentText text, string what)
    {
        var inviters = Scenarios.Numbers.Where(n => n != text.To && text.Body.Contains(Scenarios.NameOf(n), StringComparison.Ordinal)).ToList();
        if (inviters is not [var inviter])
        {
            found.Add($"trust: {what} names no one inviter: {text.Body}");
            return;
        }
        // The standing couple whose invitation is still to go, latest first: the same two may stand in several (an own
        // sign-up beside an enrollment).
        var couple = couples.Where(c => !c.Erased && c.Slots.ContainsKey(text.To) && c.Slots.ContainsKey(inviter))
            .OrderBy(c => c.Slots[text.To] is Slot.Named or Slot.NamedClosed ? 0 : 1).ThenByDescending(c => c.Id).FirstOrDefault();
        if (couple is null)
        {
            found.Add($"trust: {what} from {inviter}, but no standing couple named {text.To} with {inviter}");
            return;
        }
        if (couple.Slots[text.To] is not (Slot.Named or Slot.NamedClosed))
            found.Add($"trust: {what} from {inviter}, after {text.To} was invited already or declined ({couple.Slots[text.To]}) in couple {couple.Id}");
        if (couple.Source == "sms" && !smsInvitations.Add((inviter, text.To)))
            found.Add($"trust: {what}: a second invitation from {inviter} by SMS");
        couple.Slots[text.To] = couple.Slots[text.To] == Slot.Named ? Slot.Delivered : Slot.Closed;
    }

    [GeneratedRegex(AnswerToken + @"\d+")]
    private static partial Regex AnswerTokens();
}
