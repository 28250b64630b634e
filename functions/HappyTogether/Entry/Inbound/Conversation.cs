using Azure;
using HappyTogether.Content.Reveals;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Model.Couples;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Lifecycle.Erasure;
using HappyTogether.Model.History;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Moods;
using HappyTogether.Content.Occasions;
using HappyTogether.Model.Outbound;
using HappyTogether.Foundation.Phones;
using HappyTogether.Model.Scheduling;
using HappyTogether.Foundation.TimeZones;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using HappyTogether.Foundation.Settings;

namespace HappyTogether.Entry.Inbound;

/// <summary>An inbound SMS as Twilio's webhook describes it; <paramref name="OptOutType"/> is Advanced Opt-Out's STOP, START or HELP.</summary>
public sealed record InboundText(string From, string? Body, string MessageSid, int NumMedia = 0, string? OptOutType = null);

/// <summary>
/// Answers every inbound text: keywords, consent, answers with mood words, reveals, and (for numbers
/// that belong to no couple) the sign-up dialogue. Returns the reply to send back, or null for none.
/// A text Twilio retries (same MessageSid) gets the same reply and changes nothing more.
/// </summary>
public sealed class Conversation(
    CoupleStore couples,
    Answers answers,
    ConsentService consent,
    DueIndex due,
    OutboundQueue queue,
    MoodLexicon lexicon,
    PhoneNumberReader phones,
    ZoneNames zones,
    Strangers strangers,
    CoupleErasure erasure,
    HeadsUps headsUps,
    SignedLinks links,
    IOptions<HappyTogetherOptions> options,
    TimeProvider clock,
    ILogger<Conversation> log)
{
    /// <summary>How long after DELETE a DELETE YES confirms it.</summary>
    public static readonly TimeSpan DeleteWindow = TimeSpan.FromMinutes(10);

    /// <summary>How long after an answer a text holding only a mood word still sets that answer's mood.</summary>
    public static readonly TimeSpan MoodFollowUpWindow = TimeSpan.FromHours(3);

    public async Task<string?> HandleAsync(InboundText text, CancellationToken ct = default)
    {
        var phone = phones.TryNormalize(text.From, out var e164) ? e164 : text.From;
        var coupleId = await couples.FindCoupleIdAsync(phone, ct);
        if (coupleId is not null && PairingCodes.TryRead(text.Body, out _) && await JoinsElsewhereAsync(coupleId, phone, ct) is var (leaves, reply))
        {
            if (!leaves) return reply;
            coupleId = null;
        }
        for (var attempt = 1; coupleId is not null; attempt++)
        {
            var now = clock.GetUtcNow();
            // One read of the couple's partition: its profile, the retry check and everything an answer needs.
            var read = await answers.ReadRecentAsync(coupleId, now, ct);
            if (read.Couple is not { } couple)
            {
                // A profile still in the old table is moved by the point read; an index row left by an erase names nobody.
                if (attempt == 1 && await couples.GetAsync(coupleId, ct) is not null) continue;
                break;
            }
            if (couple.Partners.FirstOrDefault(p => p.Phone == phone) is not { } partner) break;
            var today = ZoneTime.LocalDate(now, partner.Zone);
            var recent = read.Within(today);
            if (recent.ReplyTo(text.MessageSid) is { } earlier)
            {
                // The first attempt may have stopped before what its reply set off: do that again (it is idempotent).
                if (earlier.After is { } after) await ThenAsync(OutboundJob.ParseMessage(after)[0], earlier.AtUtc, ct);
                return earlier.Text;
            }

            var command = Keywords.Parse(text);
            log.LogInformation("Inbound {Keyword} from couple {CoupleId} partner {Partner} ({Phone}).", command.Keyword, couple.Id, partner.Key, PhoneMask.Mask(phone));
            var handled = partner.Consent switch
            {
                ConsentState.OptedIn => await OptedInAsync(couple, partner, command, text, recent, ct),
                ConsentState.Invited => await InvitedAsync(couple, partner, command, ct),
                _ => await OptedOutAsync(couple, partner, command, ct),
            };
            // The other partner's answer came in at the same moment: read again and answer as the second.
            if (handled.Again)
            {
                if (attempt < 5) continue;
                // Never reached in practice (each round someone else's write went through); Twilio retries after a 503.
                throw new RequestFailedException(409, "The answer kept meeting concurrent writes.");
            }
            // An erased couple keeps nothing, not even this reply.
            if (!handled.Stored && (command.Keyword != Keyword.DeleteYes || (handled.Reply != ReplyTexts.DeleteDone && partner.Consent != ConsentState.OptedOut)))
                await answers.SaveReplyAsync(couple.Id, new StoredReply(today, text.MessageSid, handled.Reply, now), ct);
            return handled.Reply;
        }
        return await strangers.HandleAsync(phone, text, ct);
    }

    /// <summary>
    /// A pairing code from a member: someone who never said YES to their couple (their own sign-up that
    /// nobody accepted yet) leaves it and joins with the code; anyone else stays where they are.
    /// </summary>
    private async Task<(bool Leaves, string? Reply)?> JoinsElsewhereAsync(string coupleId, string phone, CancellationToken ct)
    {
        if (await couples.GetAsync(coupleId, ct) is not { } couple || couple.Partners.FirstOrDefault(p => p.Phone == phone) is not { } partner) return null;
        if (partner.Consent == ConsentState.Invited && couple.Other(partner).Consent != ConsentState.OptedIn)
        {
            await erasure.EraseAsync(couple.Id, ct);
            log.LogInformation("Couple {CoupleId} partner {Partner} left an unaccepted sign-up to join with a code.", couple.Id, partner.Key);
            return (true, null);
        }
        return (false, partner.Consent == ConsentState.OptedIn ? ReplyTexts.AlreadyPaired : null);
    }

    /// <summary>What handling a text came to: the reply, whether it is stored already (with the answer it acknowledges), or that it must be read again.</summary>
    private readonly record struct Handled(string? Reply, bool Stored = false, bool Again = false)
    {
        public static implicit operator Handled(string? reply) => new(reply);
    }

    /// <summary>What an answer sets off once stored: the other partner's reveal, or the nudge held for them.</summary>
    private Task ThenAsync(OutboundJob job, DateTimeOffset answeredUtc, CancellationToken ct) =>
        job.Kind == TextKind.YourTurn
            // The other partner may still answer on their own: the nudge is held, and checks again when it is due.
            ? due.HoldAsync(job, answeredUtc + OutgoingYourTurn.After, ct, ifNotHeld: true)
            : queue.EnqueueAsync(job, ct);

    /// <summary>Someone who joined with a code, before the code's owner confirmed: nothing starts for them yet, so nothing names the owner.</summary>
    private static bool WaitsForCodeOwner(Couple couple, Partner partner) =>
        couple.JoinedByCode && partner.Key == couple.InitiatedBy && couple.Other(partner).Consent != ConsentState.OptedIn;

    private async Task<string?> OptedOutAsync(Couple couple, Partner partner, Command command, CancellationToken ct)
    {
        switch (command.Keyword)
        {
            case Keyword.OptIn when WaitsForCodeOwner(couple, partner):
                return null;
            case Keyword.OptIn:
                await consent.OptInAsync(partner.Phone, "sms:opt-in", ct);
                return null;
            case Keyword.Help:
                return ReplyTexts.Help(options.Value.OperatorContact);
            case Keyword.DeleteYes:
                // Twilio blocks replies to a number that said STOP, so the ask-and-confirm exchange cannot happen: DELETE YES alone erases, silently.
                await EraseAsync(couple, partner, ct);
                return null;
            default:
                // After STOP, nothing goes to this number, not even an acknowledgement.
                return null;
        }
    }

    private async Task<string?> InvitedAsync(Couple couple, Partner partner, Command command, CancellationToken ct)
    {
        switch (command.Keyword)
        {
            case Keyword.OptIn when WaitsForCodeOwner(couple, partner):
                // Their JOIN with the code was their opt-in; they start once the code's owner confirms.
                return ReplyTexts.WaitingForPartner;
            case Keyword.OptIn:
                await consent.OptInAsync(partner.Phone, "sms:opt-in", ct);
                return null;
            case Keyword.OptOut:
                await consent.OptOutAsync(couple.Id, partner.Key, "sms:stop", "Replied STOP to the invitation.", ct);
                return OptedOutReply(command);
            case Keyword.MaybeOptOut:
                return ReplyTexts.ReplyStopToStop;
            case Keyword.Help:
                return ReplyTexts.Help(options.Value.OperatorContact);
            case Keyword.Delete or Keyword.DeleteYes:
                return await DeleteAsync(couple, partner, command, clock.GetUtcNow(), ct);
            default:
                return ReplyTexts.NotYetJoined;
        }
    }

    private async Task<Handled> OptedInAsync(Couple couple, Partner partner, Command command, InboundText text, RecentHistory recent, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ZoneTime.LocalDate(now, partner.Zone);
        var key = partner.Key;
        switch (command.Keyword)
        {
            case Keyword.OptOut:
                var revealsWereOn = couple.RevealsOn;
                await consent.OptOutAsync(couple.Id, key, "sms:stop", command.InOwnWords ? "Asked to stop in their own words." : "Texted STOP.", ct);
                var other = couple.Other(partner);
                if (revealsWereOn)
                    await queue.EnqueueAsync(new OutboundJob(couple.Id, TextKind.RevealsOff, ZoneTime.LocalDate(now, other.Zone), [other.Key]), ct);
                return OptedOutReply(command);
            case Keyword.MaybeOptOut:
                // Kept, but never as an answer: it is not revealed, and the partner learns the one word that stops everything.
                await answers.AddNoteAsync(couple.Id, new AnswerRecord(today, key, text.Body ?? "") { MessageSid = text.MessageSid, ReceivedUtc = now }, ct);
                return ReplyTexts.ReplyStopToStop;
            case Keyword.OptIn when Keywords.Letters(text.Body ?? "") != "YES":
                return ReplyTexts.AlreadyIn;
            case Keyword.Help:
                return ReplyTexts.Help(options.Value.OperatorContact);
            case Keyword.ShareOff:
                await couples.MutateAsync(couple, c => Set(() => c[key].ShareOff = true), ct);
                return ReplyTexts.ShareOff;
            case Keyword.ShareOn:
                var updated = await couples.MutateAsync(couple, c => Set(() => c[key].ShareOff = false), ct);
                return ReplyTexts.ShareOn(updated!.Other(updated[key]));
            case Keyword.NudgeOff or Keyword.NudgeOn:
                var off = command.Keyword == Keyword.NudgeOff;
                await couples.MutateAsync(couple, c => Set(() => c[key].NudgeOff = off), ct);
                return off ? ReplyTexts.NudgeOff : ReplyTexts.NudgeOn;
            case Keyword.Apart or Keyword.Together:
                var apart = command.Keyword == Keyword.Apart;
                await couples.MutateAsync(couple, c => Set(() => c.Apart = apart), ct);
                return apart ? ReplyTexts.Apart : ReplyTexts.Together;
            case Keyword.Pause:
                var days = 7;
                if (command.Argument is not null && !TryDays(command.Argument, out days))
                    return await ExampleOrAnswerAsync(ReplyTexts.PauseExample);
                var until = today.AddDays(days - 1);
                await couples.MutateAsync(couple, c => Set(() => c[key].PausedUntil = until), ct);
                return ReplyTexts.Paused(until);
            case Keyword.Resume:
                if (partner.PausedUntil is null || partner.PausedUntil < today) return ReplyTexts.NotPaused;
                await couples.MutateAsync(couple, c => Set(() => c[key].PausedUntil = null), ct);
                return ReplyTexts.Resume;
            case Keyword.Skip:
                await couples.MutateAsync(couple, c => Set(() => c[key].SkipDate = today), ct);
                return ReplyTexts.Skip;
            case Keyword.Time or Keyword.Morning:
                var slot = command.Keyword == Keyword.Time ? Slot.Evening : Slot.Morning;
                if (!Keywords.TryParseTime(command.Argument, slot == Slot.Evening, out _)) return await ExampleOrAnswerAsync(ReplyTexts.TimeExample(partner, slot));
                return await SetTimeAsync(couple, partner, slot, command.Argument, now, ct);
            case Keyword.Zone:
                if (!zones.TryFind(command.Argument, out var zone)) return await ExampleOrAnswerAsync(ReplyTexts.ZoneExample);
                var zoned = await couples.MutateAsync(couple, c => Set(() => c[key].TimeZone = zone), ct);
                await due.ArmAsync(zoned!, zoned![key], now, ct);
                return ReplyTexts.ZoneSet(zoned[key]);
            case Keyword.Recap:
                return await SetRecapAsync(couple, partner, command.Argument!, now, ct);
            case Keyword.Status:
                return ReplyTexts.Status(couple, partner, await answers.StreakAsync(couple.Id, today, couple.HasTextsOn, ct), today);
            case Keyword.EveryOtherDay or Keyword.Weekdays or Keyword.Daily:
                return await SetCadenceAsync(couple, partner, command.Keyword switch
                {
                    Keyword.EveryOtherDay => Cadence.EveryOtherDay,
                    Keyword.Weekdays => Cadence.Weekdays,
                    _ => Cadence.Daily,
                }, today, ct);
            case Keyword.Thanks:
                DayOfWeek? night = Keywords.TryParseDay(command.Argument, out var thanksDay) ? thanksDay : null;
                await couples.MutateAsync(couple, c => Set(() => c.AppreciationDay = night), ct);
                return ReplyTexts.Thanks(night);
            case Keyword.Date:
                return await SetDateAsync(couple, partner, command.Argument!, now, ct);
            case Keyword.Dates:
                return ReplyTexts.Dates(couple, partner);
            case Keyword.Export:
                return ReplyTexts.Export(links.ExportUrl(couple.Id, key, today));
            case Keyword.Done:
                await answers.MarkDoneAsync(couple.Id, today, key, now, ct);
                return ReplyTexts.Done;
            case Keyword.Delete or Keyword.DeleteYes:
                return await DeleteAsync(couple, partner, command, now, ct);
            default:
                // Keywords aside, every text is an answer, a note, a mood or a reaction; so is an opted-in partner's "Yes".
                return await AnswerAsync(couple, partner, text, today, now, recent, ct);
        }

        // "Zone out with you", "pause 5 minutes and hug me": a keyword's word in lower case before words
        // that are no argument starts an answer. In capitals, or before one word or a number, it is a command.
        async Task<Handled> ExampleOrAnswerAsync(string example) =>
            Keywords.StartsInCapitals(text.Body) || command.Argument is not { } argument
                || !argument.Contains(' ') || (char.IsAsciiDigit(argument[0]) && argument.Split(' ').Length <= 2)
                ? example
                : await AnswerAsync(couple, partner, text, today, now, recent, ct);
    }

    /// <summary>DELETE asks, DELETE YES within ten minutes confirms.</summary>
    private async Task<string> DeleteAsync(Couple couple, Partner partner, Command command, DateTimeOffset now, CancellationToken ct)
    {
        if (command.Keyword == Keyword.Delete)
        {
            await couples.MutateAsync(couple, c => Set(() => c[partner.Key].DeleteRequestedUtc = now), ct);
            return ReplyTexts.DeleteAsk;
        }
        if (partner.DeleteRequestedUtc is not { } asked || now - asked > DeleteWindow) return ReplyTexts.DeleteFirst;
        await EraseAsync(couple, partner, ct);
        return ReplyTexts.DeleteDone;
    }

    /// <summary>
    /// Erasure is a job of its own: it tells the other partner the program ended where it can, then
    /// erases everything, sent or not. The couple is marked first, before the reply: from then on its
    /// links open nothing and nothing but that farewell goes to either partner, however long the job waits in the queue.
    /// </summary>
    private async Task EraseAsync(Couple couple, Partner partner, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await couples.MutateAsync(couple, c => c.ErasingSinceUtc is null && Set(() => c.ErasingSinceUtc = now), ct);
        var other = couple.Other(partner);
        await queue.EnqueueAsync(new OutboundJob(couple.Id, TextKind.Ended, ZoneTime.LocalDate(now, other.Zone), [other.Key]), ct);
        log.LogInformation("Couple {CoupleId} asked to be erased by partner {Partner}.", couple.Id, partner.Key);
    }

    // Twilio confirms its own opt-out words; a request in the partner's own words gets the one confirmation from here.
    private static string? OptedOutReply(Command command) => command.InOwnWords ? ReplyTexts.OptedOut : null;

    private async Task<Handled> AnswerAsync(Couple couple, Partner partner, InboundText text, DateOnly today, DateTimeOffset now, RecentHistory recent, CancellationToken ct)
    {
        var body = text.Body ?? "";
        var mood = lexicon.Extract(body);
        var record = new AnswerRecord(today, partner.Key, body)
        {
            Mood = mood?.Word,
            MoodRecognized = mood is not null,
            NumMedia = text.NumMedia,
            MessageSid = text.MessageSid,
            ReceivedUtc = now,
        };
        if (string.IsNullOrWhiteSpace(body))
            return await KeepNoteAsync(couple, partner, record, recent, ReplyTexts.Picture, ct);

        // An answer belongs to the latest question the partner received; once that is answered, further texts are notes.
        var question = recent.LatestSent(partner.Key, TextKind.Evening);
        if (question is null)
            return await KeepNoteAsync(couple, partner, record, recent, Keywords.Letters(body) == "YES" ? ReplyTexts.AlreadyIn : ReplyTexts.NoteBeforeFirstQuestion, ct);
        var answer = record with { Date = question.Date, PromptId = question.PromptId };
        if (recent.Answer(question.Date, partner.Key) is { } earlier)
            return await AfterAnswerAsync(couple, partner, earlier, answer, now, recent, ct);

        var other = couple.Other(partner);
        var otherAnswer = recent.Answer(question.Date, other.Key);
        OutboundJob? then = null;
        OutboundRecord? revealInReply = null;
        string? reply;
        if (otherAnswer is not null && couple.RevealsOn)
        {
            // The second to answer reads the other's answer in the reply itself: one text, not an
            // acknowledgement and a reveal, recorded under the claim the sender uses so no job sends it
            // again. Without a mood word the reply asks for one the first time this week, before the
            // answer where both fit one segment; else the reveal follows on its own. The first to
            // answer gets theirs through the queue.
            var revealed = recent.Sent.Any(r => r.Kind == TextKind.Reveal && r.Date == question.Date && r.Partner == partner.Key);
            var askForMood = mood is null && !TellsNothingNew(partner, body, mood, question.Date, recent);
            if (!revealed && (!askForMood || RevealText.FitsOneSegment(ReplyTexts.AskForMoodLead, other.TextName, otherAnswer.Text)))
            {
                revealInReply = new OutboundRecord(question.Date, TextKind.Reveal, partner.Key)
                {
                    PromptId = otherAnswer.PromptId,
                    Status = OutboundStatus.Replied,
                    Sid = $"reply:{text.MessageSid}",
                    ClaimedUtc = now,
                    SentUtc = now,
                };
                then = new OutboundJob(couple.Id, TextKind.Reveal, question.Date, [other.Key]);
                reply = ReplyTexts.AnswerWithReveal(mood, other, otherAnswer.Text, askForMood);
            }
            else
            {
                then = new OutboundJob(couple.Id, TextKind.Reveal, question.Date, [Couple.PartnerA, Couple.PartnerB]);
                reply = ReplyTexts.Answer(mood, other, otherAnswered: true, revealsOn: true, otherOptedIn: true);
            }
        }
        else
        {
            if (otherAnswer is null && couple.RevealsOn && !other.NudgeOff)
                then = new OutboundJob(couple.Id, TextKind.YourTurn, question.Date, [other.Key]);
            reply = TellsNothingNew(partner, body, mood, question.Date, recent)
                ? null
                : ReplyTexts.Answer(mood, other, otherAnswer is not null, couple.RevealsOn, other.Consent == ConsentState.OptedIn);
        }

        // The answer, its reply and the reveal in it (or the first-answer mark) in one transaction; what
        // the answer sets off comes after, and the stored reply names it so that a retry does it too.
        var stored = new StoredReply(today, text.MessageSid, reply, now) { After = then is null ? null : OutboundJob.ToMessage([then]) };
        if (!await answers.TryStoreAnswerAsync(couple.Id, answer, stored, first: otherAnswer is null, revealInReply, ct))
            return new Handled(null, Again: true);
        if (then is not null) await ThenAsync(then, now, ct);
        return new Handled(reply, Stored: true);
    }

    /// <summary>
    /// Whether the acknowledgement of an answer would tell the partner nothing they know: every segment
    /// is paid for. True for a partner who answered another night this week (so has seen how answers
    /// are acknowledged and what happens next) when the mood is one they gave as it is (a word, or an
    /// emoji that stands for it), not one read from a phrase, a negation or a misspelling, or when
    /// there is none and they were asked for one this week already. The first to answer then gets no reply; the second, the reveal alone.
    /// </summary>
    private bool TellsNothingNew(Partner partner, string body, MoodWord? mood, DateOnly night, RecentHistory recent)
    {
        var earlier = recent.Texts.Where(a => a.Kind == AnswerRecord.AnswerKind && a.Partner == partner.Key && a.Date != night).ToList();
        if (earlier.Count == 0) return false;
        return mood is not null ? lexicon.GivenAsIs(body, mood) : earlier.Any(a => !a.MoodRecognized);
    }

    /// <summary>
    /// A text after the partner answered tonight's question: a mood word of its own within a few hours
    /// sets the answer's mood; a short text once answers were shared is a reaction, passed on once; the
    /// rest is kept as a note.
    /// </summary>
    private async Task<string?> AfterAnswerAsync(Couple couple, Partner partner, AnswerRecord mine, AnswerRecord text, DateTimeOffset now, RecentHistory recent, CancellationToken ct)
    {
        var other = couple.Other(partner);
        var shared = couple.RevealsOn && await answers.GetAnswerAsync(couple.Id, mine.Date, other.Key, ct) is not null;
        // Once answers are shared, a mood word only fills a missing one, and emoji alone are a reaction ("❤️").
        if (now - mine.ReceivedUtc <= MoodFollowUpWindow && (!shared || !mine.MoodRecognized)
            && lexicon.MoodOnly(text.Text, wordsOnly: shared) is { } mood)
        {
            await answers.SetMoodAsync(couple.Id, mine, mood.Word, ct);
            // The text itself is kept too, privately, as every text is while the night's notes have room.
            if (HasRoomForNote(partner, text.Date, recent)) await answers.AddNoteAsync(couple.Id, text, ct);
            return ReplyTexts.MoodAdded(mood);
        }
        if (shared && other.Consent == ConsentState.OptedIn && RevealText.FitsOneSegment(partner.TextName, text.Text))
        {
            var reaction = text with { Kind = AnswerRecord.ReactionKind };
            // A retry of the very text that was stored queues it again; the sender sends it once.
            if (await answers.TryAddReactionAsync(couple.Id, reaction, ct)
                || (await answers.GetReactionAsync(couple.Id, mine.Date, partner.Key, ct))?.MessageSid == text.MessageSid)
            {
                await queue.EnqueueAsync(new OutboundJob(couple.Id, TextKind.Reaction, mine.Date, [other.Key]), ct);
                return null;
            }
            return await KeepNoteAsync(couple, partner, text, recent, ReplyTexts.ReactionKept(other), ct);
        }
        return await KeepNoteAsync(couple, partner, text, recent, ReplyTexts.NoteAfterAnswer, ct);
    }

    /// <summary>
    /// Keeps a note and gives <paramref name="reply"/> while the partner's notes of that night are under
    /// NotesPerNight. Past it the text is not stored (storage is not a free-for-all), and the first
    /// text past it says so, once a night; later ones get no reply. The count comes from the history already read.
    /// </summary>
    private async Task<string?> KeepNoteAsync(Couple couple, Partner partner, AnswerRecord note, RecentHistory recent, string? reply, CancellationToken ct)
    {
        if (HasRoomForNote(partner, note.Date, recent))
        {
            await answers.AddNoteAsync(couple.Id, note, ct);
            return reply;
        }
        if (partner.NotesFullOn == note.Date) return null;
        await couples.MutateAsync(couple, c => Set(() => c[partner.Key].NotesFullOn = note.Date), ct);
        return ReplyTexts.NotesFull;
    }

    private bool HasRoomForNote(Partner partner, DateOnly night, RecentHistory recent) =>
        recent.Texts.Count(t => t.Kind == AnswerRecord.NoteKind && t.Partner == partner.Key && t.Date == night) < options.Value.NotesPerNight;

    /// <summary>
    /// EVERY 2, WEEKDAYS, DAILY: for both partners; the other is told, inside their waking hours, at
    /// most once a day. The notice is claimed once per local date it goes out on (no Ref), so later
    /// changes that day are applied but send nothing more; one still held for the morning is worded
    /// when it goes out, so it names the latest cadence.
    /// </summary>
    private async Task<string> SetCadenceAsync(Couple couple, Partner partner, Cadence cadence, DateOnly today, CancellationToken ct)
    {
        var changed = couple.Cadence != cadence;
        var updated = await couples.MutateAsync(couple, c => Set(() =>
        {
            c.Cadence = cadence;
            c.CadenceFrom = today;
            c.CadenceSetBy = partner.Key;
        }), ct);
        var other = updated!.Other(updated[partner.Key]);
        if (changed && other.Consent == ConsentState.OptedIn)
        {
            // Dated by the day it can go out: one held overnight counts for the morning it reaches them.
            var now = clock.GetUtcNow();
            var sendsOn = ZoneTime.LocalDate(now + WakingWindow.WaitFrom(now, other.Zone), other.Zone);
            await queue.EnqueueAsync(new OutboundJob(couple.Id, TextKind.CadenceChanged, sendsOn, [other.Key]), ct);
        }
        return ReplyTexts.CadenceSet(cadence, other);
    }

    /// <summary>DATE anniversary 06-14, DATE birthday 03-02 (the sender's own), DATE ... OFF; the other partner's heads-up is armed.</summary>
    private async Task<string> SetDateAsync(Couple couple, Partner partner, string argument, DateTimeOffset now, CancellationToken ct)
    {
        var words = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var kind = Keywords.Letters(words[0]) == "ANNIVERSARY" ? Occasion.Anniversary : Occasion.Birthday;
        var off = words.Length == 2 && Keywords.Letters(words[1]) == "OFF";
        MonthDay day = default;
        if (!off && (words.Length < 2 || !OccasionDates.TryParse(words[1], out day))) return ReplyTexts.DateExample;
        var key = partner.Key;
        var updated = await couples.MutateAsync(couple, c => Set(() =>
        {
            if (kind == Occasion.Anniversary)
            {
                c.Anniversary = off ? null : day;
                c.AnniversarySetBy = off ? null : key;
            }
            else c[key].Birthday = off ? null : day;
        }), ct);
        if (off) return ReplyTexts.DateRemoved(kind);
        await headsUps.ArmAsync(updated!, new Occasion(kind, key), now, ct);
        return ReplyTexts.DateSaved(kind, day, updated!.Other(updated[key]));
    }

    private async Task<string> SetTimeAsync(Couple couple, Partner partner, Slot slot, string? argument, DateTimeOffset now, CancellationToken ct)
    {
        if (!Keywords.TryParseTime(argument, slot == Slot.Evening, out var time) || !WakingWindow.Contains(time))
            return ReplyTexts.TimeExample(partner, slot);
        if (slot == Slot.Evening ? time <= partner.MorningTime : time >= partner.EveningTime)
            return ReplyTexts.TimeOrder(slot, partner);
        var key = partner.Key;
        var updated = await couples.MutateAsync(couple, c => Set(() =>
        {
            if (slot == Slot.Evening) c[key].EveningTime = time;
            else c[key].MorningTime = time;
        }), ct);
        await due.ArmAsync(updated!, updated![key], now, ct);
        return ReplyTexts.TimeSet(partner, slot, time);
    }

    private async Task<string> SetRecapAsync(Couple couple, Partner partner, string argument, DateTimeOffset now, CancellationToken ct)
    {
        var words = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !Keywords.TryParseDay(words[0], out var day)
            || !Keywords.TryParseTime(words[1], evening: true, out var time) || !WakingWindow.Contains(time))
            return ReplyTexts.RecapExample(partner);
        var key = partner.Key;
        var updated = await couples.MutateAsync(couple, c => Set(() =>
        {
            c[key].RecapDay = day;
            c[key].RecapTime = time;
        }), ct);
        await due.ArmAsync(updated!, updated![key], now, ct);
        return ReplyTexts.RecapSet(partner, day, time);
    }

    private static bool TryDays(string argument, out int days)
    {
        var digits = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return int.TryParse(digits, out days) && days is >= 1 and <= 30
            && argument.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).All(w => w.StartsWith("day", StringComparison.OrdinalIgnoreCase));
    }

    private static bool Set(Action change)
    {
        change();
        return true;
    }
}
