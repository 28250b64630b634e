using System.Text.RegularExpressions;
using HappyTogether.Entry.Inbound;
using HappyTogether.Entry.Sending;
using HappyTogether.Functions;
using HappyTogether.Lifecycle.Program;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>DELETE is its own job: the couple is erased whether or not the farewell can go out, by any partner, and
/// nothing of it is sent afterwards.</summary>
public class ErasureTests
{
    /// <summary>Status of a link the app texted (week page or export), opened through its function as the host
    /// would.</summary>
    private static async Task<int> OpenAsync(TestApp app, string url)
    {
        if (url.Contains("/api/w?")) return Assert.IsType<Microsoft.AspNetCore.Mvc.ContentResult>(await app.Function<WeekPageFunction>().Get(Http.Link(url), default)).StatusCode!.Value;
        return await app.Function<ExportFunction>().Get(Http.Link(url, "&format=json"), default) is Microsoft.AspNetCore.Mvc.ContentResult page ? page.StatusCode!.Value : 200;
    }

    [Fact]
    public async Task Delete_yes_closes_the_links_and_stops_the_texts_at_once_then_the_farewell_goes_once_and_Twilio_deletes_every_message()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        // Monday 19:30 in Chicago; the recap comes on Sunday at 19:00.
        await using var app = await TestApp.StartAsync(TestApp.ChicagoEvening.AddHours(-1), twilio);
        var couple = await app.EnrollOptedInAsync();
        var inbound = new List<string>();
        async Task<string?> TextAsync(Partner from, string body)
        {
            var sid = Sms.NewSid();
            inbound.Add(sid);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            return (await app.TextAsync(from.Phone, body, sid)).Reply;
        }

        var marks = (DateTimeOffset from, TimeSpan span) => Enumerable.Range(1, (int)(span.TotalMinutes / 5)).Select(n => from.AddMinutes(5 * n));
        await app.RunTimerAsync(marks(app.Clock.GetUtcNow(), TimeSpan.FromHours(1.1)));
        await TextAsync(couple.A, "A quiet dinner together. calm");
        await TextAsync(couple.B, "Walking home in the snow. happy");
        await app.DrainQueueAsync();
        // Sunday 19:05: the recap carries the week page's link.
        await app.RunTimerAsync(marks(app.Clock.GetUtcNow(), new DateTimeOffset(2027, 1, 11, 1, 5, 0, TimeSpan.Zero) - app.Clock.GetUtcNow()));
        var weekLink = Regex.Match(twilio.To(couple.A.Phone).Last(m => m.Body.Contains("/api/w?")).Body, @"https://\S+/api/w\?\S+").Value;
        var exportLink = Regex.Match((await TextAsync(couple.A, "EXPORT"))!, @"https://\S+/api/x\?\S+").Value;
        Assert.Equal(200, await OpenAsync(app, weekLink));
        Assert.Equal(200, await OpenAsync(app, exportLink));

        Assert.Equal(ReplyTexts.DeleteAsk, await TextAsync(couple.A, "DELETE"));
        Assert.Equal(ReplyTexts.DeleteDone, await TextAsync(couple.A, "DELETE YES"));
        // Before the queue is read: the links are gone and nothing more goes out, whatever comes due.
        Assert.Equal(404, await OpenAsync(app, weekLink));
        Assert.Equal(404, await OpenAsync(app, exportLink));
        var sentBefore = twilio.Messages.Count;
        await app.Get<HappyTogether.Model.Scheduling.Scheduler>().RunAsync();
        await app.Get<HappyTogether.Entry.Sending.OutboundSender>().HandleAsync(new OutboundJob(couple.Id, TextKind.Morning, new DateOnly(2027, 1, 11), ["a", "b"]));
        Assert.Equal(sentBefore, twilio.Messages.Count);

        await app.DrainQueueAsync();
        await app.RunTimerAsync(marks(app.Clock.GetUtcNow(), TimeSpan.FromDays(2)));
        var after = twilio.Messages.Skip(sentBefore).ToList();
        Assert.Equal(ProgramTexts.Ended, Assert.Single(after).Body);
        Assert.Equal(couple.B.Phone, after[0].To);
        Assert.Empty(await app.RowsMentioningAsync(couple.Id));

        // Every message of the couple at Twilio, sent or received, farewell included, was deleted once; DELETE YES
        // itself was never stored, so its sid is not known.
        var expected = twilio.Messages.Where(m => m.To == couple.A.Phone || m.To == couple.B.Phone).Select(m => m.Sid).Concat(inbound[..^1]).Order().ToList();
        Assert.Equal(expected, twilio.DeleteCalls.Order().ToList());
    }

    [Fact]
    public async Task A_message_Twilio_cannot_delete_yet_or_one_already_gone_does_not_stop_the_erasure()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(ChicagoEvening.AddHours(2), twilio);
        var couple = await app.EnrollOptedInAsync();
        var sids = twilio.Messages.Select(m => m.Sid).ToList();
        // The first is still in flight (Twilio's 20009), the second gone already, the third answers 503 once and then
        // goes.
        twilio.DeleteFaults[sids[0]] = new([new FakeTwilioApi.Fault(400, 20009)]);
        twilio.Deleted[sids[1]] = true;
        twilio.DeleteFaults[sids[2]] = new([new FakeTwilioApi.Fault(503)]);
        await app.TextAsync(couple.B.Phone, "DELETE");
        await app.TextAsync(couple.B.Phone, "DELETE YES");
        await app.DrainQueueAsync();

        Assert.Empty(await app.RowsMentioningAsync(couple.Id));
        Assert.Equal(2, twilio.DeleteCalls.Count(s => s == sids[2]));
        Assert.Contains(app.Logs.Lines, l => l.Contains("1 were still in flight and 0 failed"));
    }

    // 18:00 in Chicago, 00:00 in London.
    private static readonly DateTimeOffset ChicagoEvening = new(2027, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Delete_with_Twilio_failing_still_erases_every_row()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(ChicagoEvening, twilio);
        var couple = await app.EnrollOptedInAsync();
        await app.TextAsync(couple.A.Phone, "DELETE");
        Assert.Equal(ReplyTexts.DeleteDone, (await app.TextAsync(couple.A.Phone, "DELETE YES")).Reply);
        // Twilio answers 503 to every try: the farewell cannot go out.
        var sent = twilio.Messages.Count;
        for (var i = 0; i < 50; i++) twilio.Faults.Enqueue(new FakeTwilioApi.Fault(503));
        await app.DrainQueueAsync();

        Assert.Equal(sent, twilio.Messages.Count);
        Assert.Empty(await app.RowsMentioningAsync(couple.Id));
        Assert.Empty(await app.RowsMentioningAsync(couple.A.Phone[1..]));
        Assert.Empty(await app.RowsMentioningAsync(couple.B.Phone[1..]));
    }

    [Fact]
    public async Task An_invited_partner_can_delete_and_the_other_hears_it_ended()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(ChicagoEvening, twilio);
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();
        await app.Get<HappyTogether.Lifecycle.Consent.ConsentService>().OptInAsync(couple.A.Phone, "test:YES");
        await app.DrainQueueAsync();
        Assert.Equal(ReplyTexts.DeleteAsk, (await app.TextAsync(couple.B.Phone, "DELETE")).Reply);
        Assert.Equal(ReplyTexts.DeleteDone, (await app.TextAsync(couple.B.Phone, "DELETE YES")).Reply);
        await app.DrainQueueAsync();
        Assert.Null(await app.Get<CoupleStore>().GetAsync(couple.Id));
        Assert.Equal(ProgramTexts.Ended, twilio.To(couple.A.Phone).Last().Body);
        Assert.Empty(await app.RowsMentioningAsync(couple.Id));
    }

    [Fact]
    public async Task An_opted_out_partner_erases_with_delete_yes_and_gets_no_reply()
    {
        await using var app = await TestApp.StartAsync(ChicagoEvening);
        var couple = await app.EnrollOptedInAsync();
        await app.TextAsync(couple.B.Phone, "STOP");
        Assert.Null((await app.TextAsync(couple.B.Phone, "DELETE YES")).Reply);
        await app.DrainQueueAsync();
        Assert.Null(await app.Get<CoupleStore>().GetAsync(couple.Id));
        Assert.Empty(await app.RowsMentioningAsync(couple.Id));
        // The number stays on the suppression list: erasure does not undo STOP.
        Assert.True(await app.Get<HappyTogether.Model.Suppression.SuppressionList>().ContainsAsync(couple.B.Phone));
    }

    [Fact]
    public async Task The_farewell_is_not_sent_into_the_night_and_erasure_does_not_wait_for_the_morning()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(ChicagoEvening, twilio);
        var couple = await app.EnrollOptedInAsync(phoneB: "+447911123456", zoneB: "Europe/London");
        await app.TextAsync(couple.A.Phone, "DELETE");
        await app.TextAsync(couple.A.Phone, "DELETE YES");
        await app.DrainQueueAsync();
        Assert.Empty(await app.RowsMentioningAsync(couple.Id));
        Assert.DoesNotContain(twilio.To(couple.B.Phone), t => t.Body == ProgramTexts.Ended);
        // Nothing is left to wake him later either: the held invitation went with the couple.
        await app.RunTimerAsync([ChicagoEvening.AddHours(8)]);
        Assert.DoesNotContain(twilio.To(couple.B.Phone), t => t.Body.StartsWith("Hi Sam"));
    }

    [Fact]
    public async Task Jobs_of_an_erased_couple_are_dropped_when_read()
    {
        await using var app = await TestApp.StartAsync(ChicagoEvening);
        var couple = await app.EnrollOptedInAsync();
        var queued = new OutboundJob(couple.Id, TextKind.RevealsOff, new DateOnly(2027, 1, 4), ["a", "b"]);
        await app.Get<HappyTogether.Lifecycle.Erasure.CoupleErasure>().EraseAsync(couple.Id);
        await app.Get<OutboundQueue>().EnqueueAsync(queued);
        Assert.Equal(1, await app.DrainQueueAsync());
        Assert.Empty(await app.OutboxAsync(couple.A.Phone));
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Dropped reveals-off for couple {couple.Id}: the couple no longer exists"));
    }

    [Fact]
    public async Task Poisoned_jobs_of_an_erased_couple_are_dropped_when_the_operator_reads_the_poison_queue()
    {
        await using var app = await TestApp.StartAsync(ChicagoEvening);
        var erased = await app.EnrollOptedInAsync();
        var kept = await app.EnrollOptedInAsync(phoneA: "+13125550191", phoneB: "+13125550192");
        var poison = app.Get<PoisonedJobs>();
        await poison.Client.CreateIfNotExistsAsync();
        foreach (var couple in new[] { erased, kept })
            await poison.Client.SendMessageAsync(OutboundJob.ToMessage([new OutboundJob(couple.Id, TextKind.Evening, new DateOnly(2027, 1, 4), ["a", "b"])]));
        await app.Get<HappyTogether.Lifecycle.Erasure.CoupleErasure>().EraseAsync(erased.Id);

        var report = await poison.ReadAsync();
        Assert.Equal(kept.Id, Assert.Single(report.Oldest).CoupleId);
        Assert.Equal(1, report.Count);
        // The kept one is visible again at once, for the next read.
        Assert.Equal(kept.Id, Assert.Single((await poison.ReadAsync()).Oldest).CoupleId);
    }
}
