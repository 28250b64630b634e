namespace HappyTogether.Model.Couples;

/// <summary>How often the couple's morning ideas and evening questions come (EVERY 2, WEEKDAYS, DAILY); the recap stays
/// weekly.</summary>
public enum Cadence
{
    Daily,

    /// <summary>Every other day, counted from the day it was chosen (that day has texts).</summary>
    EveryOtherDay,

    /// <summary>Monday to Friday, on each partner's local date.</summary>
    Weekdays,
}

/// <summary>The couple's rhythm: which local dates have texts, and which evening is the week's appreciation
/// night.</summary>
public static class Rhythm
{
    public const DayOfWeek DefaultAppreciationDay = DayOfWeek.Thursday;

    /// <summary>Quiet nights in a row after which a partner is offered, once, to go every other day.</summary>
    public const int QuietNightsBeforeOffer = 5;

    /// <summary>True when the chosen cadence has texts on the local <paramref name="date"/> (occasions
    /// aside).</summary>
    public static bool IsCadenceDay(this Couple couple, DateOnly date) => couple.Cadence switch
    {
        Cadence.EveryOtherDay => ((date.DayNumber - couple.CadenceFrom.DayNumber) % 2 + 2) % 2 == 0,
        Cadence.Weekdays => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday),
        _ => true,
    };

    /// <summary>True when the morning idea and the evening question go out on <paramref name="date"/>: a cadence day,
    /// or an occasion, which always has its texts.</summary>
    public static bool HasTextsOn(this Couple couple, DateOnly date) => couple.IsCadenceDay(date) || couple.OccasionOn(date) is not null;

    /// <summary>
    /// True when <paramref name="date"/> is the week's appreciation night: the appreciation day itself,
    /// or, when the cadence leaves that day without texts, the first day after it that has some.
    /// </summary>
    public static bool IsAppreciationNight(this Couple couple, DateOnly date)
    {
        if (couple.AppreciationDay is not { } day || !couple.IsCadenceDay(date)) return false;
        var since = ((int)date.DayOfWeek - (int)day + 7) % 7;
        for (var back = 1; back <= since; back++)
            if (couple.IsCadenceDay(date.AddDays(-back))) return false;
        return true;
    }

    /// <summary>How the cadence reads in a text: "every day", "every other day", "on weekdays".</summary>
    public static string Describe(Cadence cadence) =>
        HappyTogether.Foundation.Messages.MessageCatalog.For().RenderVariant("cadence", VariantOf(cadence));

    /// <summary>The catalog variant of texts about a cadence ("every-other-day", "weekdays", "daily").</summary>
    public static string VariantOf(Cadence cadence) => cadence switch
    {
        Cadence.EveryOtherDay => "every-other-day",
        Cadence.Weekdays => "weekdays",
        _ => "daily",
    };
}
