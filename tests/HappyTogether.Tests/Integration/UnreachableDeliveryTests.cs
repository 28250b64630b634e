using System.Diagnostics.Metrics;
using HappyTogether.Entry.Inbound;
using HappyTogether.Entry.Sending;
using HappyTogether.Foundation.Messages;
using HappyTogether.Foundation.Operations;
using HappyTogether.Foundation.TimeZones;
using HappyTogether.Functions;
using HappyTogether.Model.Couples;
using HappyTogether.Model.History;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// A partner whose texts fail as unreachable (30003 to 30006) on UnreachableDays different days, nothing delivered in
/// between, is paused and the other partner told once; any text from them resumes them. Delivery reports come through
/// the real signed status-callback webhook against Azurite.
/// </summary>
public sealed class UnreachableDeliveryTests : IDisposable
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly DateOnly Monday = new(2027, 1, 4);
    private readonly MeterListener listener = new();
    private int unreachableCounted;

    public UnreachableDeliveryTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OpsMetrics.MeterName && instrument.Name == "partners.unreachable") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref unreachableCounted, (int)value));
        listener.Start();
    }

    public void Dispose() => listener.Dispose();

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => ZoneTime.ToUtc(day, new TimeOnly(hour, minute), Chicago);

    private static async Task<(TestApp App, Couple Couple)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var app = await TestApp.StartAsync(At(Monday, 6), settings: settings);
        return (app, await app.EnrollOptedInAsync());
    }

    /// <summary>The day's prompt of <paramref name="kind"/> goes out; Twilio then reports it to each partner.</summary>
    private static async Task PromptAsync(TestApp app, Couple couple, DateOnly day, string kind, int? errorToA, int? errorToB = null)
    {
        await app.RunTimerAsync([kind == TextKind.Morning ? At(day, 8) : At(day, 20, 30)]);
        // A paused partner gets no prompt, so there is nothing to report.
        if (await SentAsync(app, couple, "a", day, kind) is not null) await ReportAsync(app, couple, "a", day, kind, errorToA);
        if (await SentAsync(app, couple, "b", day, kind) is not null) await ReportAsync(app, couple, "b", day, kind, errorToB);
    }

    private static async Task<OutboundRecord?> SentAsync(TestApp app, Couple couple, string partner, DateOnly day, string kind) =>
        (await app.Get<HistoryStore>().ReadOutboundAsync(couple.Id, day, day)).SingleOrDefault(r => r.Partner == partner && r.Kind == kind && r.Sid is not null);

    /// <summary>Twilio's signed status callback for the text: undelivered with the error, or delivered.</summary>
    private static async Task ReportAsync(TestApp app, Couple couple, string partner, DateOnly day, string kind, int? error)
    {
        var sent = await SentAsync(app, couple, partner, day, kind) ?? throw new InvalidOperationException($"No {kind} to {partner} on {day}.");
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = FakeTwilioApi.AccountSid,
            ["MessageSid"] = sent.Sid!,
            ["MessageStatus"] = error is null ? "delivered" : "undelivered",
        };
        if (error is { } code) form["ErrorCode"] = code.ToString();
        var query = "?" + new StatusCallback(couple.Id, sent.RowKey).Query;
        Assert.Equal(204, Http.Status(await app.Function<SmsWebhook>().Status(Sms.Request(StatusCallback.Path, form, query: query), default)));
    }

    private static async Task<Partner> AnaAsync(TestApp app, Couple couple) => (await app.Get<CoupleStore>().GetAsync(couple.Id))!.A;

    private static async Task<List<ReceivedText>> ToldAsync(TestApp app, Couple couple) =>
        (await app.ReceivedAsync(couple, "b")).Where(t => t.Kind == TextKind.PartnerUnreachable).ToList();

    [Fact]
    public async Task Three_days_unreachable_pause_the_partner_the_other_is_told_once_and_any_text_resumes_them()
    {
        var (app, couple) = await StartAsync();
        await using var _ = app;
        // Monday: idea and question both fail (phone off); Sam's arrive. Tuesday: the idea fails (number not in service).
        await PromptAsync(app, couple, Monday, TextKind.Morning, 30003);
        await PromptAsync(app, couple, Monday, TextKind.Evening, 30005);
        await PromptAsync(app, couple, Monday.AddDays(1), TextKind.Morning, 30006);
        Assert.Null((await AnaAsync(app, couple)).PausedUntil);
        Assert.Empty(await ToldAsync(app, couple));

        // Wednesday's idea fails too: a third day.
        var wednesday = Monday.AddDays(2);
        await PromptAsync(app, couple, wednesday, TextKind.Morning, 30003);
        var ana = await AnaAsync(app, couple);
        Assert.Equal((wednesday.AddDays(UnreachablePartners.PauseDays - 1), wednesday), (ana.PausedUntil, ana.UnreachableOn));
        Assert.Equal(ConsentState.OptedIn, ana.Consent);
        Assert.Equal(1, unreachableCounted);
        await app.DrainQueueAsync();
        var told = Assert.Single(await ToldAsync(app, couple));
        Assert.Equal(MessageCatalog.For().Render("partner-unreachable", ("partner", "Ana")), told.Body);

        // A repeated report changes nothing; Ana's question no longer goes out, Sam's does.
        await ReportAsync(app, couple, "a", wednesday, TextKind.Morning, 30003);
        await PromptAsync(app, couple, wednesday, TextKind.Evening, null);
        Assert.Null(await SentAsync(app, couple, "a", wednesday, TextKind.Evening));
        Assert.Single(await ToldAsync(app, couple));
        Assert.Equal(1, unreachableCounted);

        // Thursday Ana's phone is back and she texts: her texts resume, the same evening.
        var thursday = Monday.AddDays(3);
        app.Clock.SetUtcNow(At(thursday, 9));
        Assert.Equal(200, (await app.TextAsync(couple.A.Phone, "Sorry, my phone was in the shop")).Status);
        Assert.Equal((null, null), ((await AnaAsync(app, couple)).PausedUntil, (await AnaAsync(app, couple)).UnreachableOn));
        await app.RunTimerAsync([At(thursday, 20, 30)]);
        Assert.NotNull(await SentAsync(app, couple, "a", thursday, TextKind.Evening));
        Assert.Single(await ToldAsync(app, couple));
    }

    [Fact]
    public async Task A_delivered_text_resets_the_count_and_RESUME_welcomes_the_partner_back()
    {
        var (app, couple) = await StartAsync();
        await using var _ = app;
        await PromptAsync(app, couple, Monday, TextKind.Morning, 30003);
        await PromptAsync(app, couple, Monday.AddDays(1), TextKind.Morning, 30003);
        // Tuesday evening's question reaches her: the two days before it no longer count.
        await PromptAsync(app, couple, Monday.AddDays(1), TextKind.Evening, null);
        await PromptAsync(app, couple, Monday.AddDays(2), TextKind.Morning, 30003);
        await PromptAsync(app, couple, Monday.AddDays(3), TextKind.Morning, 30004);
        Assert.Null((await AnaAsync(app, couple)).PausedUntil);

        await PromptAsync(app, couple, Monday.AddDays(4), TextKind.Morning, 30005);
        Assert.NotNull((await AnaAsync(app, couple)).UnreachableOn);

        Assert.Equal((200, ReplyTexts.Resume), await app.TextAsync(couple.A.Phone, "RESUME"));
        Assert.Equal((null, null), ((await AnaAsync(app, couple)).PausedUntil, (await AnaAsync(app, couple)).UnreachableOn));
    }

    [Fact]
    public async Task Other_errors_do_not_count_and_UnreachableDays_0_turns_it_off()
    {
        var (app, couple) = await StartAsync(new() { ["UnreachableDays"] = "0" });
        await using var _ = app;
        for (var day = 0; day < 4; day++) await PromptAsync(app, couple, Monday.AddDays(day), TextKind.Morning, 30003);
        Assert.Null((await AnaAsync(app, couple)).PausedUntil);

        var (other, otherCouple) = await StartAsync();
        await using var __ = other;
        // Carrier filtering (30007) is not the partner's phone: it never pauses them.
        for (var day = 0; day < 4; day++) await PromptAsync(other, otherCouple, Monday.AddDays(day), TextKind.Morning, 30007);
        Assert.Null((await AnaAsync(other, otherCouple)).PausedUntil);
        Assert.Equal(0, unreachableCounted);
    }
}
