using HappyTogether.Content.Prompts;
using HappyTogether.Foundation.Moods;
using HappyTogether.Model.History;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>Answers stored directly, the way the webhook stores them.</summary>
public static class StoredAnswers
{
    /// <summary>
    /// Stores <paramref name="answer"/> with an empty reply and its night on the rotation row, in one transaction, as
    /// the webhook does; false when that partner already answered that night.
    /// </summary>
    public static async Task<bool> StoreAnswerAsync(this TestApp app, string coupleId, AnswerRecord answer, CancellationToken ct = default)
    {
        var answers = app.Get<Answers>();
        var night = RotationLog.Note(coupleId, AnsweredNight.Of(answer, app.Get<MoodLexicon>()));
        var reply = new StoredReply(answer.Date, answer.MessageSid, null, answer.ReceivedUtc);
        // The night's first answer marks it; the second finds the mark taken.
        return await answers.TryStoreAnswerAsync(coupleId, answer, reply, first: true, null, night, ct)
            || await answers.TryStoreAnswerAsync(coupleId, answer, reply, first: false, null, night, ct);
    }
}
