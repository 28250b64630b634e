using HappyTogether.Content.Prompts;
using HappyTogether.Content.Reveals;
using HappyTogether.Foundation.Care;
using HappyTogether.Foundation.Moods;
using HappyTogether.Foundation.Settings;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using Microsoft.Extensions.Options;

namespace HappyTogether.Entry.Inbound;

/// <summary>
/// Texts after a partner answered: a mood word for the answer, a reaction passed on to the other
/// partner, or a note kept privately, within a number of notes a night.
/// </summary>
public sealed class FollowUps(
    CoupleStore couples,
    Answers answers,
    OutboundQueue queue,
    MoodLexicon lexicon,
    Caring caring,
    IOptions<HappyTogetherOptions> options)
{
    /// <summary>How long after an answer a text holding only a mood word still sets that answer's mood.</summary>
    public static readonly TimeSpan MoodWindow = TimeSpan.FromHours(3);

    /// <summary>
    /// A text after the partner answered tonight's question: a mood word of its own within a few hours
    /// sets the answer's mood; a short text once answers were shared is a reaction, passed on once; the
    /// rest is kept as a note.
    /// </summary>
    public async Task<Handled> AfterAnswerAsync(Couple couple, Partner partner, AnswerRecord mine, AnswerRecord text,
        DateTimeOffset now, RecentHistory recent, CancellationToken ct)
    {
        var other = couple.Other(partner);
        // A care text is never passed on: kept privately, with its reply (a mood word in it still counts).
        if (text.Care != CareSignal.None)
        {
            var care = caring.ReplyTo(text, couple, partner, recent);
            if (now - mine.ReceivedUtc <= MoodWindow && !mine.MoodRecognized && lexicon.MoodOnly(text.Text, wordsOnly: true) is { } word)
                await SetMoodAsync(couple, mine, word.Word, ct);
            return await KeepNoteAsync(couple, partner, text with { Kind = AnswerRecord.NoteKind }, recent,
                care ?? ReplyTexts.NoteAfterAnswer, ct);
        }
        // Answers were shared only when neither was withheld.
        var shared = couple.RevealsOn && !mine.Withheld
            && await answers.GetAnswerAsync(couple.Id, mine.Date, other.Key, ct) is { Withheld: false };
        // Once answers are shared, a mood word only fills a missing one, and emoji alone are a reaction ("❤️").
        if (now - mine.ReceivedUtc <= MoodWindow && (!shared || !mine.MoodRecognized)
            && lexicon.MoodOnly(text.Text, wordsOnly: shared) is { } mood)
        {
            await SetMoodAsync(couple, mine, mood.Word, ct);
            // The text itself is kept too, privately, as every text is while the night's notes have room.
            if (HasRoomForNote(partner, text.Date, recent)) await answers.AddNoteAsync(couple.Id, text, ct);
            return ReplyTexts.MoodAdded(mood);
        }
        if (shared && other.Consent == ConsentState.OptedIn && RevealText.FitsOneSegment(partner.TextName, text.Text))
        {
            var reaction = text with { Kind = AnswerRecord.ReactionKind };
            // A retry of the very text that was stored queues it again; the sender sends it once.
            var stored = await answers.TryAddReactionAsync(couple.Id, reaction, ct)
                || (await answers.GetReactionAsync(couple.Id, mine.Date, partner.Key, ct))?.MessageSid
                    == text.MessageSid;
            if (stored)
            {
                await queue.EnqueueAsync(new OutboundJob(couple.Id, TextKind.Reaction, mine.Date, [other.Key]), ct);
                return Handled.Silence;
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
    public async Task<Handled> KeepNoteAsync(
        Couple couple, Partner partner, AnswerRecord note, RecentHistory recent, string? reply, CancellationToken ct)
    {
        // A care text is always kept: it is what says its reply went out tonight.
        if (HasRoomForNote(partner, note.Date, recent) || note.Care != CareSignal.None)
        {
            await answers.AddNoteAsync(couple.Id, note, ct);
            return reply;
        }
        if (partner.NotesFullOn == note.Date) return Handled.Silence;
        await couples.ChangeAsync(couple, c => c[partner.Key].NotesFullOn = note.Date, ct);
        return ReplyTexts.NotesFull;
    }

    /// <summary>Gives a stored answer its mood word, and its night on the rotation the same.</summary>
    private Task SetMoodAsync(Couple couple, AnswerRecord mine, string mood, CancellationToken ct) =>
        answers.SetMoodAsync(couple.Id, mine, mood,
            RotationLog.Note(couple.Id, AnsweredNight.Of(mine with { Mood = mood, MoodRecognized = true }, lexicon)), ct);

    private bool HasRoomForNote(Partner partner, DateOnly night, RecentHistory recent) =>
        recent.Texts.Count(t => t.Kind == AnswerRecord.NoteKind && t.Partner == partner.Key && t.Date == night)
            < options.Value.NotesPerNight;
}
