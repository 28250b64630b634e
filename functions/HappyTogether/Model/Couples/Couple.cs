namespace HappyTogether.Model.Couples;

/// <summary>Where a partner stands on receiving recurring texts.</summary>
public enum ConsentState
{
    /// <summary>Enrolled and sent an invitation; nothing recurring until they reply YES.</summary>
    Invited,

    /// <summary>Said yes; gets the daily texts.</summary>
    OptedIn,

    /// <summary>Said STOP (or the carrier did); gets nothing.</summary>
    OptedOut,
}

/// <summary>One of the two people in a couple, keyed "a" or "b" within it.</summary>
public sealed class Partner
{
    /// <summary>"a" or "b".</summary>
    public required string Key { get; init; }
    public required string Name { get; set; }

    /// <summary>E.164.</summary>
    public required string Phone { get; init; }

    /// <summary>IANA time zone id.</summary>
    public required string TimeZone { get; set; }
    public required TimeOnly MorningTime { get; set; }
    public required TimeOnly EveningTime { get; set; }

    /// <summary>The language the partner's texts are written in ("en", "es"); null until known (an invitation then
    /// speaks both).</summary>
    public string? Language { get; set; }

    /// <summary>Day of the weekly recap, in the partner's zone (RECAP changes it).</summary>
    public DayOfWeek RecapDay { get; set; } = DefaultRecapDay;

    /// <summary>Local time of the weekly recap.</summary>
    public TimeOnly RecapTime { get; set; } = DefaultRecapTime;

    /// <summary>Local date a recap last carried the line about couples counselling.</summary>
    public DateOnly? CareShownOn { get; set; }

    public const DayOfWeek DefaultRecapDay = DayOfWeek.Sunday;
    public static readonly TimeOnly DefaultRecapTime = new(19, 0);
    public ConsentState Consent { get; set; } = ConsentState.Invited;
    public DateTimeOffset? ConsentChangedUtc { get; set; }

    /// <summary>How the last consent change happened, e.g. "sms:YES" or "carrier:21610".</summary>
    public string? ConsentMethod { get; set; }

    /// <summary>SHARE OFF: this partner's answers are not shown to the other (and reveals stop both ways).</summary>
    public bool ShareOff { get; set; }

    /// <summary>NUDGE OFF: no "your turn" text when the other partner answered first.</summary>
    public bool NudgeOff { get; set; }

    /// <summary>Local date of the last "your turn" text, so none comes two nights running.</summary>
    public DateOnly? NudgedOn { get; set; }

    /// <summary>DATE birthday: this partner's own birthday, kept as month and day.</summary>
    public MonthDay? Birthday { get; set; }

    /// <summary>Local date of the evening question that offered EVERY 2 after quiet nights; it is offered
    /// once.</summary>
    public DateOnly? CadenceOfferedOn { get; set; }

    /// <summary>The night (local date) on which this partner's notes reached the cap and they were told so; they are
    /// told once.</summary>
    public DateOnly? NotesFullOn { get; set; }

    /// <summary>PAUSE: no scheduled texts up to and including this local date.</summary>
    public DateOnly? PausedUntil { get; set; }

    /// <summary>The local date this partner's texts were paused because they could not reach them for days (see
    /// UnreachablePartners); cleared when the partner texts in.</summary>
    public DateOnly? UnreachableOn { get; set; }

    /// <summary>SKIP: no more scheduled texts on this local date.</summary>
    public DateOnly? SkipDate { get; set; }

    /// <summary>When this partner asked to DELETE; DELETE YES within ten minutes confirms.</summary>
    public DateTimeOffset? DeleteRequestedUtc { get; set; }

    /// <summary>True when scheduled texts for this local date are held back by PAUSE or SKIP.</summary>
    public bool IsQuietOn(DateOnly date) => date <= PausedUntil || date == SkipDate;

    /// <summary>A time as this partner reads it: 12-hour for a North American (+1) number, else 24-hour.</summary>
    public string Clock(TimeOnly time) => HappyTogether.Foundation.Text.ClockText.Format(time, Phone.StartsWith("+1", StringComparison.Ordinal));

    /// <summary>A date as this partner writes it: "Jan 4" for a US number, "4 Jan" elsewhere.</summary>
    public string ShortDate(DateOnly date) =>
        HappyTogether.Foundation.Text.DateText.Short(date, HappyTogether.Foundation.Text.DateText.MonthFirst(Phone));

    /// <summary>A date with its weekday as this partner writes it: "Mon, Jan 4" or "Mon 4 Jan".</summary>
    public string DayDate(DateOnly date) =>
        HappyTogether.Foundation.Text.DateText.WithDay(date, HappyTogether.Foundation.Text.DateText.MonthFirst(Phone));

    /// <summary>The name spelled for the app's own GSM-7 texts.</summary>
    public string TextName => HappyTogether.Foundation.Text.Gsm7.Transliterate(Name) is { Length: > 0 } n ? n
        : HappyTogether.Foundation.Messages.MessageCatalog.For().Render("partner.fallback-name");

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>A couple enrolled in the program.</summary>
public sealed class Couple
{
    public const string PartnerA = "a";
    public const string PartnerB = "b";

    public required string Id { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>IANA zone used for couple-wide dates (the prompt rotation's first day).</summary>
    public required string TimeZone { get; init; }

    /// <summary>Who the invitation says invited them.</summary>
    public string? InvitedBy { get; init; }

    /// <summary>Key of the partner who signed up by SMS (they confirm by YES, not by invitation); null for admin
    /// enrollment.</summary>
    public string? InitiatedBy { get; init; }

    /// <summary>
    /// Partner B joined with partner A's pairing code: B's JOIN was their opt-in, and they start only
    /// once A confirms, learning nothing of A (not even a name) before that.
    /// </summary>
    public bool JoinedByCode => InitiatedBy == PartnerB;

    /// <summary>APART (true) or TOGETHER (false) as a partner last texted it; null leaves it to the zones.</summary>
    public bool? Apart { get; set; }

    /// <summary>Hours between the partners' clocks above which they are taken to live apart.</summary>
    public const double ApartHours = 2;

    /// <summary>True when the couple gets only ideas that work apart: they said APART, or their zones are more than two
    /// hours apart on that date and they did not say TOGETHER.</summary>
    public bool IsApartOn(DateOnly date)
    {
        if (Apart is { } said) return said;
        var noon = new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        return Math.Abs((A.Zone.GetUtcOffset(noon) - B.Zone.GetUtcOffset(noon)).TotalHours) > ApartHours;
    }

    /// <summary>EVERY 2, WEEKDAYS or DAILY, as a partner last texted it; for both partners.</summary>
    public Cadence Cadence { get; set; } = Cadence.Daily;

    /// <summary>Who chose the cadence last, so the other partner can be told.</summary>
    public string? CadenceSetBy { get; set; }

    /// <summary>The local date every other day counts from (it has texts).</summary>
    public DateOnly CadenceFrom { get; set; }

    /// <summary>The weekday of the appreciation night (THANKS fri); null after THANKS OFF.</summary>
    public DayOfWeek? AppreciationDay { get; set; } = Rhythm.DefaultAppreciationDay;

    /// <summary>DATE anniversary: the couple's anniversary, kept as month and day.</summary>
    public MonthDay? Anniversary { get; set; }

    /// <summary>Who stored the anniversary: the other partner gets its heads-up.</summary>
    public string? AnniversarySetBy { get; set; }

    /// <summary>LISTEN sun 8pm: the couple's weekly listening date; null when none is set.</summary>
    public Ritual? ListeningDate { get; set; }

    /// <summary>RITUAL thu pizza night: a weekly ritual of the couple's own; null when none is set.</summary>
    public Ritual? Ritual { get; set; }

    /// <summary>What HOME (or the household question) said about the couple's household.</summary>
    public Household Home { get; set; } = Household.Unknown;

    /// <summary>Set when erasure starts: from then on no job of the couple sends anything, even one that read the
    /// couple before.</summary>
    public DateTimeOffset? ErasingSinceUtc { get; set; }

    /// <summary>Reveals happen only while both partners are opted in and neither has sharing off.</summary>
    public bool RevealsOn => A.Consent == ConsentState.OptedIn && B.Consent == ConsentState.OptedIn && !A.ShareOff && !B.ShareOff;
    public required Partner A { get; init; }
    public required Partner B { get; init; }

    /// <summary>Storage concurrency token of the stored row, empty before it is stored.</summary>
    public string ETag { get; set; } = "";

    public IEnumerable<Partner> Partners => [A, B];

    public Partner this[string key] => key switch
    {
        PartnerA => A,
        PartnerB => B,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Partner key must be a or b."),
    };

    public Partner Other(Partner partner) => ReferenceEquals(partner, A) ? B : A;

    /// <summary>Local date the couple enrolled, day zero of their prompt rotation.</summary>
    public DateOnly Epoch =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(CreatedUtc, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
}
