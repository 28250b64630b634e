using HappyTogether.Foundation.TimeZones;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>A week of scheduler ticks every five minutes on a fake clock, across the US spring-forward
/// change.</summary>
public class SimulatedWeekTests
{
    [Fact]
    public async Task Each_opted_in_partner_gets_seven_ideas_and_seven_questions_at_their_local_times()
    {
        // Monday 2027-03-08 00:00 in Chicago; clocks go forward there on Sunday 2027-03-14.
        var start = new DateTimeOffset(2027, 3, 8, 6, 0, 0, TimeSpan.Zero);
        await using var app = await TestApp.StartAsync(start);
        var together = await app.EnrollOptedInAsync("+13125550181", "+13125550182");
        // A couple across an ocean where only one partner said yes.
        var apart = await app.EnrollAsync(phoneA: "+447911123456", phoneB: "+13125550184", timeZone: "Europe/London", zoneB: "America/Chicago");
        await app.DrainQueueAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Joined.PartnerAsync(app.Get<CoupleStore>(), app.Get<ConsentService>(), apart, apart.A, "test:YES");
        await app.DrainQueueAsync();

        await app.RunTimerAsync(Enumerable.Range(1, 7 * 24 * 12).Select(n => start.AddMinutes(5 * n)));

        foreach (var (couple, key) in new[] { (together, "a"), (together, "b"), (apart, "a") })
        {
            var partner = couple[key];
            var all = await app.ReceivedAsync(couple, key);
            // Enrolled at night, the invitations waited for 07:00; these partners had said yes by then, so theirs was
            // not sent.
            Assert.Equal([TextKind.Confirmation], all.Take(1).Select(t => t.Kind));
            // The week's Sunday 19:00 recap, then the fourteen daily texts.
            var recap = Assert.Single(all, t => t.Kind == TextKind.Recap);
            Assert.Equal((DayOfWeek.Sunday, new TimeOnly(19, 0)), (ZoneTime.ToLocal(recap.Utc, partner.Zone).DayOfWeek, TimeOnly.FromDateTime(ZoneTime.ToLocal(recap.Utc, partner.Zone))));
            var texts = all.Skip(1).Where(t => t.Kind != TextKind.Recap).ToList();
            var local = texts.Select(t => (t.Kind, t.PromptId, Local: ZoneTime.ToLocal(t.Utc, partner.Zone))).ToList();
            var ideas = local.Where(t => t.Kind == TextKind.Morning).ToList();
            var questions = local.Where(t => t.Kind == TextKind.Evening).ToList();

            Assert.Equal(14, texts.Count);
            Assert.Equal(7, ideas.Count);
            Assert.Equal(7, questions.Count);
            Assert.All(ideas, t => Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(t.Local)));
            Assert.All(questions, t => Assert.Equal(new TimeOnly(20, 30), TimeOnly.FromDateTime(t.Local)));
            Assert.Equal(7, ideas.Select(t => t.Local.Date).Distinct().Count());
            Assert.Equal(7, questions.Select(t => t.Local.Date).Distinct().Count());
            Assert.Equal(14, local.Select(t => t.PromptId).Distinct().Count());
            Assert.Equal(14, texts.Select(t => t.Body).Distinct().Count());
        }

        // Both partners of a couple got the same question each evening.
        var eveningA = (await app.ReceivedAsync(together, "a")).Where(t => t.Kind == TextKind.Evening).Select(t => t.PromptId);
        var eveningB = (await app.ReceivedAsync(together, "b")).Where(t => t.Kind == TextKind.Evening).Select(t => t.PromptId);
        Assert.Equal(eveningA, eveningB);

        // The partner who never said yes got the invitation, at 07:00 his time, and nothing else.
        var invitation = Assert.Single(await app.ReceivedAsync(apart, "b"));
        Assert.Equal((TextKind.Invitation, new TimeOnly(7, 0)), (invitation.Kind, TimeOnly.FromDateTime(ZoneTime.ToLocal(invitation.Utc, apart.B.Zone))));
        Assert.Equal(ConsentState.Invited, (await app.Get<CoupleStore>().GetAsync(apart.Id))!.B.Consent);

        // A week of logs names no whole phone number and quotes no text.
        var bodies = (await app.ReceivedAsync(together, "a")).Select(t => t.Body).ToList();
        Assert.NotEmpty(app.Logs.Lines);
        Assert.All(app.Logs.Lines, line =>
        {
            foreach (var phone in new[] { together.A.Phone, together.B.Phone, apart.A.Phone, apart.B.Phone })
                Assert.DoesNotContain(phone[1..], line);
            Assert.DoesNotContain(bodies, body => line.Contains(body));
        });
    }
}
