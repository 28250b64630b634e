using HappyTogether.Couples;
using HappyTogether.Outbound;
using HappyTogether.Programme;
using HappyTogether.Replies;
using HappyTogether.Sending;
using HappyTogether.Testing;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>DELETE is its own job: the couple is erased whether or not the farewell can go out, by any partner, and nothing of it is sent afterwards.</summary>
public class ErasureTests
{
    // 18:00 in Chicago, 00:00 in London.
    private static readonly DateTimeOffset ChicagoEvening = new(2027, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Delete_with_Twilio_failing_still_erases_every_row()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(ChicagoEvening, twilio);
        var couple = await app.EnrolOptedInAsync();
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
        var couple = await app.EnrolAsync();
        await app.DrainQueueAsync();
        await app.Get<Consent.ConsentService>().OptInAsync(couple.A.Phone, "test:YES");
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
        var couple = await app.EnrolOptedInAsync();
        await app.TextAsync(couple.B.Phone, "STOP");
        Assert.Null((await app.TextAsync(couple.B.Phone, "DELETE YES")).Reply);
        await app.DrainQueueAsync();
        Assert.Null(await app.Get<CoupleStore>().GetAsync(couple.Id));
        Assert.Empty(await app.RowsMentioningAsync(couple.Id));
        // The number stays on the suppression list: erasure does not undo STOP.
        Assert.True(await app.Get<Suppression.SuppressionList>().ContainsAsync(couple.B.Phone));
    }

    [Fact]
    public async Task The_farewell_is_not_sent_into_the_night_and_erasure_does_not_wait_for_the_morning()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await TestApp.StartAsync(ChicagoEvening, twilio);
        var couple = await app.EnrolOptedInAsync(phoneB: "+447911123456", zoneB: "Europe/London");
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
        var couple = await app.EnrolOptedInAsync();
        var queued = new OutboundJob(couple.Id, TextKind.RevealsOff, new DateOnly(2027, 1, 4), ["a", "b"]);
        await app.Get<Erasure.CoupleErasure>().EraseAsync(couple.Id);
        await app.Get<OutboundQueue>().EnqueueAsync(queued);
        Assert.Equal(1, await app.DrainQueueAsync());
        Assert.Empty(await app.OutboxAsync(couple.A.Phone));
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Dropped reveals-off for couple {couple.Id}: the couple no longer exists"));
    }

    [Fact]
    public async Task Poisoned_jobs_of_an_erased_couple_are_dropped_when_the_operator_reads_the_poison_queue()
    {
        await using var app = await TestApp.StartAsync(ChicagoEvening);
        var erased = await app.EnrolOptedInAsync();
        var kept = await app.EnrolOptedInAsync(phoneA: "+13125550191", phoneB: "+13125550192");
        var poison = app.Get<PoisonedJobs>();
        await poison.Client.CreateIfNotExistsAsync();
        foreach (var couple in new[] { erased, kept })
            await poison.Client.SendMessageAsync(OutboundJob.ToMessage([new OutboundJob(couple.Id, TextKind.Evening, new DateOnly(2027, 1, 4), ["a", "b"])]));
        await app.Get<Erasure.CoupleErasure>().EraseAsync(erased.Id);

        var report = await poison.ReadAsync();
        Assert.Equal(kept.Id, Assert.Single(report.Oldest).CoupleId);
        Assert.Equal(1, report.Count);
        // The kept one is visible again at once, for the next read.
        Assert.Equal(kept.Id, Assert.Single((await poison.ReadAsync()).Oldest).CoupleId);
    }
}
