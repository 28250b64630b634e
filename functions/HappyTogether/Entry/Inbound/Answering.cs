using HappyTogether.Content.Prompts;
using HappyTogether.Content.Reveals;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Links;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Operations;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Model.Scheduling;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// An opted-in partner's text that is no keyword: the answer to their latest question, with its mood
/// word, and what it sets off (the other's reveal, or the nudge held for them). Texts after the answer
/// go to <see cref="FollowUps"/>.
/// </summary>
public sealed class Answering(
    Answers answers, DueIndex due, OutboundQueue queue, MoodLexicon lexicon, FollowUps followUps, Caring caring,
    SignedLinks links, HomeKeywords home)
{
    public async Task<Handled> AnswerAsync(PartnerText text, CancellationToken ct)
    {
        var (couple, partner, recent, now) = (text.Couple, text.Partner, text.Recent, text.Now);
        var body = text.Body;
        var mood = lexicon.Extract(body);
        var record = new AnswerRecord(text.Today, partner.Key, body)
        {
            Mood = mood?.Word,
            MoodWritten = mood?.Written,
            MoodRecognized = mood is not null,
            NumMedia = text.Text.NumMedia,
            MessageSid = text.Text.MessageSid,
            ReceivedUtc = now,
            Care = caring.Read(body),
        };
        if (string.IsNullOrWhiteSpace(body))
            return await followUps.KeepNoteAsync(couple, partner, record, recent, ReplyTexts.Picture, ct);
        if (record.Care == CareSignal.None && await home.AnswerToQuestionAsync(text, ct) is { } household) return household;

        // An answer belongs to the latest question the partner received; once that is answered, further
        // texts are notes.
        var question = recent.LatestSent(partner.Key, TextKind.Evening);
        if (question is null)
        {
            var reply = caring.ReplyTo(record, couple, partner, recent)
                ?? (Keywords.AnswersWhenIn(body) ? ReplyTexts.AlreadyIn : ReplyTexts.NoteBeforeFirstQuestion);
            return await followUps.KeepNoteAsync(couple, partner, record, recent, reply, ct);
        }
        var answer = record with { Date = question.Date, PromptId = question.PromptId };
        if (recent.Answer(question.Date, partner.Key) is { } earlier)
            return await followUps.AfterAnswerAsync(couple, partner, earlier, answer, now, recent, ct);
        return await StoreAnswerAsync(text, answer, mood, ct);
    }

    /// <summary>What an answer sets off once stored: the other partner's reveal, or the nudge held for them.</summary>
    public Task ThenAsync(OutboundJob job, DateTimeOffset answeredUtc, CancellationToken ct) =>
        job.Kind == TextKind.YourTurn
            // The other partner may still answer on their own: the nudge is held, and checks again when it is due (a
            // nudge that would find them asleep then is dropped, not held to the morning).
            ? due.HoldAsync(job, answeredUtc + OutgoingYourTurn.After, ct, ifNotHeld: true)
            : queue.EnqueueAsync(job, ct);

    /// <summary>The partner's answer to tonight's question, the first or the second of the couple.</summary>
    private async Task<Handled> StoreAnswerAsync(
        PartnerText text, AnswerRecord answer, MoodWord? mood, CancellationToken ct)
    {
        var (couple, partner, recent, now) = (text.Couple, text.Partner, text.Recent, text.Now);
        var body = text.Body;
        var other = couple.Other(partner);
        // A withheld answer (fear of the partner) reads as none to the other partner.
        var otherStored = recent.Answer(answer.Date, other.Key);
        var otherAnswer = otherStored is { Withheld: false } ? otherStored : null;
        var care = caring.ReplyTo(answer, couple, partner, recent);
        OutboundJob? then = null;
        OutboundRecord? revealInReply = null;
        string? reply;
        if (answer.Withheld)
        {
            // Never shown to the other partner, and nothing tells them it came: no reveal either way, no nudge.
            reply = care ?? CareLines.KeptPrivate;
        }
        else if (otherAnswer is not null && couple.RevealsOn && care is not null)
        {
            // The care reply stands alone; the answers go out as reveals, to both.
            then = new OutboundJob(couple.Id, TextKind.Reveal, answer.Date, [Couple.PartnerA, Couple.PartnerB]);
            reply = care;
        }
        else if (otherAnswer is not null && couple.RevealsOn)
        {
            // The second to answer reads the other's answer in the reply itself: one text, not an
            // acknowledgement and a reveal, recorded under the claim the sender uses so no job sends it
            // again. Without a mood word the reply asks for one the first time this week, before the
            // answer, where both fit the reveal's three segments with the answer whole, or where even a
            // reveal of its own could not hold it whole (the link gives it all, one text saved); else the
            // reveal follows on its own, where the shorter lead leaves the whole answer room, and the reply
            // is the one-segment acknowledgement that asks. The first to answer gets theirs through the queue.
            var revealed = recent.Sent.Any(r =>
                r.Kind == TextKind.Reveal && r.Date == answer.Date && r.Partner == partner.Key);
            var askForMood = mood is null && !TellsNothingNew(partner, body, mood, answer.Date, recent);
            var fits = RevealText.FitsWhole(ReplyTexts.AskForMoodLead, other.TextName, otherAnswer.Text)
                || !RevealText.FitsWhole(other.TextName, otherAnswer.Text);
            if (!revealed && (!askForMood || fits))
            {
                revealInReply = new OutboundRecord(answer.Date, TextKind.Reveal, partner.Key)
                {
                    PromptId = otherAnswer.PromptId,
                    Status = OutboundStatus.Replied,
                    Sid = $"reply:{text.Text.MessageSid}",
                    ClaimedUtc = now,
                    SentUtc = now,
                };
                then = new OutboundJob(couple.Id, TextKind.Reveal, answer.Date, [other.Key]);
                var nightLink = links.NightUrl(couple.Id, partner.Key, answer.Date);
                reply = ReplyTexts.AnswerWithReveal(mood, other, otherAnswer.Text, nightLink, askForMood);
            }
            else
            {
                then = new OutboundJob(couple.Id, TextKind.Reveal, answer.Date, [Couple.PartnerA, Couple.PartnerB]);
                reply = ReplyTexts.Answer(mood, other, otherAnswered: true, revealsOn: true, otherOptedIn: true);
            }
        }
        else
        {
            // A nudge that could not land the same evening is never held: it would only be dropped.
            if (otherAnswer is null && couple.RevealsOn && !other.NudgeOff
                && OutgoingYourTurn.LandsTheSameEvening(other, answer.Date, now))
                then = new OutboundJob(couple.Id, TextKind.YourTurn, answer.Date, [other.Key]);
            reply = care ?? (TellsNothingNew(partner, body, mood, answer.Date, recent)
                ? null
                : ReplyTexts.Answer(
                    mood, other, otherAnswer is not null, couple.RevealsOn, other.Consent == ConsentState.OptedIn));
        }

        // The answer, its reply and the reveal in it (or the first-answer mark) in one transaction; what
        // the answer sets off comes after, and the stored reply names it so that a retry does it too.
        var stored = new StoredReply(text.Today, text.Text.MessageSid, reply, now)
        {
            After = then is null ? null : OutboundJob.ToMessage([then]),
        };
        // The first mark is the stored row's, withheld or not: it keeps two answers at once apart.
        var first = otherStored is null;
        // The night goes on the rotation row with it, so the sender's choosing reads no answers.
        var night = RotationLog.Note(couple.Id, AnsweredNight.Of(answer, lexicon));
        if (!await answers.TryStoreAnswerAsync(couple.Id, answer, stored, first, revealInReply, night, ct))
            return new Handled(null, Again: true);
        OpsMetrics.Answer();
        if (then is not null) await ThenAsync(then, now, ct);
        return new Handled(reply, Stored: true);
    }

    /// <summary>
    /// Whether the acknowledgement of an answer would tell the partner nothing they know: every segment
    /// is paid for. True for a partner who answered another night this week (so has seen how answers
    /// are acknowledged and what happens next) when the mood is one they gave as it is (a word, or an
    /// emoji that stands for it), not one read from a phrase, a negation or a misspelling, or when
    /// there is none and they were asked for one this week already. The first to answer then gets no
    /// reply; the second, the reveal alone.
    /// </summary>
    private bool TellsNothingNew(Partner partner, string body, MoodWord? mood, DateOnly night, RecentHistory recent)
    {
        var earlier = recent.Texts
            .Where(a => a.Kind == AnswerRecord.AnswerKind && a.Partner == partner.Key && a.Date != night).ToList();
        if (earlier.Count == 0) return false;
        return mood is not null ? lexicon.GivenAsIs(body, mood) : earlier.Any(a => !a.MoodRecognized);
    }
}
