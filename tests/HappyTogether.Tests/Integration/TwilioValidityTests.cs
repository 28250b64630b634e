using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// Prompts carry Twilio's ValidityPeriod (seconds left of the partner's waking hours that day, within Twilio's 1 to
/// 36,000), so a backlog at Twilio drops today's question rather than deliver it tomorrow; the sender itself drops an
/// idea that comes too late. The real SDK against the fake Twilio API on 127.0.0.1.
/// </summary>
public sealed class TwilioValidityTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly DateOnly Day = new(2027, 1, 4);
    private FakeTwilioApi twilio = null!;

    public async Task InitializeAsync() => twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await twilio.DisposeAsync();

    private static DateTimeOffset At(int hour, int minute = 0) => ZoneTime.ToUtc(Day, new TimeOnly(hour, minute), Chicago);

    [Fact]
    public async Task The_evening_question_is_valid_until_the_end_of_waking_hours_and_the_idea_for_at_most_ten_hours()
    {
        await using var app = await TestApp.StartAsync(At(6), twilio);
        var couple = await app.EnrollOptedInAsync();
        var before = twilio.Posts.Count;
        // Nothing but scheduled prompts in between carries a validity: the invitations and confirmations did not.
        Assert.All(twilio.Posts, p => Assert.False(p.ContainsKey("ValidityPeriod")));

        // The 08:00 idea: 13.5 hours of waking hours are left, more than Twilio keeps a message (10 hours).
        await app.RunTimerAsync([At(8)]);
        // The 20:30 question: until 21:31 in Chicago, 61 minutes.
        await app.RunTimerAsync([At(20, 30)]);

        var prompts = twilio.Posts.Skip(before).ToList();
        Assert.Equal(4, prompts.Count);
        Assert.Equal(["36000", "36000", "3660", "3660"], prompts.Select(p => p["ValidityPeriod"]));
        Assert.Equal([couple.A.Phone, couple.B.Phone], prompts.Take(2).Select(p => p["To"]).Order());
    }

    [Fact]
    public async Task A_question_sent_late_in_the_evening_is_valid_only_for_what_is_left_and_never_below_Twilios_floor()
    {
        await using var app = await TestApp.StartAsync(At(6), twilio);
        var couple = await app.EnrollOptedInAsync();
        var before = twilio.Posts.Count;

        // A backlog in the app's own queue: tonight's question is handled at 21:30:58, two seconds before its window ends.
        app.Clock.SetUtcNow(At(21, 30).AddSeconds(58));
        await app.Get<OutboundSender>().HandleAsync(new OutboundJob(couple.Id, TextKind.Evening, Day, ["a"]));

        var post = Assert.Single(twilio.Posts.Skip(before));
        Assert.Equal(TwilioSmsSender.MinValidity.ToString(), post["ValidityPeriod"]);
        Assert.Equal(TwilioSmsSender.MaxValidity, TwilioSmsSender.ValidityPeriod(TimeSpan.FromHours(14)));
        Assert.Equal(3660, TwilioSmsSender.ValidityPeriod(TimeSpan.FromMinutes(61)));
    }

    [Fact]
    public async Task The_sender_drops_an_idea_that_comes_once_the_evening_question_is_due_and_a_prompt_from_yesterday()
    {
        await using var app = await TestApp.StartAsync(At(6), twilio);
        var couple = await app.EnrollOptedInAsync();
        var before = twilio.Posts.Count;
        var sender = app.Get<OutboundSender>();

        // Held up in the queue until 20:29, the idea still goes to Ana, with what is left of the day.
        app.Clock.SetUtcNow(At(20, 29));
        await sender.HandleAsync(new OutboundJob(couple.Id, TextKind.Morning, Day, ["a"]));
        Assert.Equal("3720", Assert.Single(twilio.Posts.Skip(before))["ValidityPeriod"]);

        // Until 20:30 for Sam: the idea would arrive with the evening question, so it is dropped.
        app.Clock.SetUtcNow(At(20, 30));
        await sender.HandleAsync(new OutboundJob(couple.Id, TextKind.Morning, Day, ["b"]));
        Assert.Equal(before + 1, twilio.Posts.Count);
        Assert.Contains(app.Logs.Lines, l => l.Contains("Skipped morning") && l.Contains("the evening question is due"));

        // Yesterday's question handled this morning is dropped too (as before).
        app.Clock.SetUtcNow(ZoneTime.ToUtc(Day.AddDays(1), new TimeOnly(8, 0), Chicago));
        await sender.HandleAsync(new OutboundJob(couple.Id, TextKind.Evening, Day, ["a", "b"]));
        Assert.Equal(before + 1, twilio.Posts.Count);
    }
}
