using System.Globalization;
using Azure.Data.Tables;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Model.Couples;

/// <summary>The columns of a couple's profile row: a couple to its row and back.</summary>
public static class CoupleColumns
{
    /// <summary>Stored for a setting turned off, so that a missing column keeps meaning the default.</summary>
    private const string Off = "off";

    /// <summary>The profile row of a couple, as it is stored.</summary>
    public static TableEntity ToEntity(Couple c)
    {
        var e = new TableEntity(c.Id, CoupleRows.Profile)
        {
            ["CreatedUtc"] = c.CreatedUtc,
            ["TimeZone"] = c.TimeZone,
            ["InvitedBy"] = c.InvitedBy,
            ["InitiatedBy"] = c.InitiatedBy,
            ["ErasingSinceUtc"] = c.ErasingSinceUtc,
            ["Apart"] = c.Apart,
            ["Cadence"] = c.Cadence.ToString(),
            ["CadenceFrom"] = DateKey.Of(c.CadenceFrom),
            ["CadenceSetBy"] = c.CadenceSetBy,
            ["AppreciationDay"] = c.AppreciationDay?.ToString() ?? Off,
            ["Anniversary"] = c.Anniversary?.ToString(),
            ["AnniversarySetBy"] = c.AnniversarySetBy,
            ["Listening"] = c.ListeningDate?.ToColumn(),
            ["Ritual"] = c.Ritual?.ToColumn(),
            ["Home"] = c.Home.ToColumn(),
        };
        foreach (var p in c.Partners)
        {
            var k = p.Key.ToUpperInvariant();
            e[k + "Name"] = p.Name;
            e[k + "Phone"] = p.Phone;
            e[k + "TimeZone"] = p.TimeZone;
            e[k + "Morning"] = p.MorningTime.ToString("HH:mm");
            e[k + "Evening"] = p.EveningTime.ToString("HH:mm");
            e[k + "Consent"] = p.Consent.ToString();
            e[k + "ConsentUtc"] = p.ConsentChangedUtc;
            e[k + "ConsentMethod"] = p.ConsentMethod;
            e[k + "ShareOff"] = p.ShareOff;
            e[k + "NudgeOff"] = p.NudgeOff;
            e[k + "NudgedOn"] = DateKey.Of(p.NudgedOn);
            e[k + "PausedUntil"] = DateKey.Of(p.PausedUntil);
            e[k + "SkipDate"] = DateKey.Of(p.SkipDate);
            e[k + "UnreachableOn"] = DateKey.Of(p.UnreachableOn);
            e[k + "DeleteRequestedUtc"] = p.DeleteRequestedUtc;
            e[k + "RecapDay"] = p.RecapDay.ToString();
            e[k + "RecapTime"] = p.RecapTime.ToString("HH:mm", CultureInfo.InvariantCulture);
            e[k + "CareShownOn"] = DateKey.Of(p.CareShownOn);
            e[k + "Birthday"] = p.Birthday?.ToString();
            e[k + "CadenceOfferedOn"] = DateKey.Of(p.CadenceOfferedOn);
            e[k + "NotesFullOn"] = DateKey.Of(p.NotesFullOn);
            e[k + "Language"] = p.Language;
        }
        return e;
    }

    private static DateOnly? ReadDate(string? text) =>
        text is null ? null : DateKey.Parse(text);

    /// <summary>A couple from its profile row, as a point read or a range query of its partition returns it.</summary>
    public static Couple FromRow(TableEntity e)
    {
        Partner Read(string key)
        {
            var k = key.ToUpperInvariant();
            return new Partner
            {
                Key = key,
                Name = e.GetString(k + "Name"),
                Phone = e.GetString(k + "Phone"),
                TimeZone = e.GetString(k + "TimeZone"),
                MorningTime = TimeOnly.Parse(e.GetString(k + "Morning")),
                EveningTime = TimeOnly.Parse(e.GetString(k + "Evening")),
                Consent = Enum.Parse<ConsentState>(e.GetString(k + "Consent")),
                ConsentChangedUtc = e.GetDateTimeOffset(k + "ConsentUtc"),
                ConsentMethod = e.GetString(k + "ConsentMethod"),
                ShareOff = e.GetBoolean(k + "ShareOff") ?? false,
                NudgeOff = e.GetBoolean(k + "NudgeOff") ?? false,
                NudgedOn = ReadDate(e.GetString(k + "NudgedOn")),
                PausedUntil = ReadDate(e.GetString(k + "PausedUntil")),
                SkipDate = ReadDate(e.GetString(k + "SkipDate")),
                UnreachableOn = ReadDate(e.GetString(k + "UnreachableOn")),
                DeleteRequestedUtc = e.GetDateTimeOffset(k + "DeleteRequestedUtc"),
                RecapDay = e.GetString(k + "RecapDay") is { } day
                    ? Enum.Parse<DayOfWeek>(day)
                    : Partner.DefaultRecapDay,
                RecapTime = e.GetString(k + "RecapTime") is { } recap
                    ? TimeOnly.ParseExact(recap, "HH:mm", CultureInfo.InvariantCulture)
                    : Partner.DefaultRecapTime,
                CareShownOn = ReadDate(e.GetString(k + "CareShownOn")),
                Birthday = MonthDay.Parse(e.GetString(k + "Birthday")),
                CadenceOfferedOn = ReadDate(e.GetString(k + "CadenceOfferedOn")),
                NotesFullOn = ReadDate(e.GetString(k + "NotesFullOn")),
                Language = e.GetString(k + "Language"),
            };
        }

        return new Couple
        {
            Id = e.PartitionKey,
            CreatedUtc = e.GetDateTimeOffset("CreatedUtc")!.Value,
            TimeZone = e.GetString("TimeZone"),
            InvitedBy = e.GetString("InvitedBy"),
            InitiatedBy = e.GetString("InitiatedBy"),
            ErasingSinceUtc = e.GetDateTimeOffset("ErasingSinceUtc"),
            Apart = e.GetBoolean("Apart"),
            Cadence = e.GetString("Cadence") is { } cadence ? Enum.Parse<Cadence>(cadence) : Cadence.Daily,
            CadenceFrom = ReadDate(e.GetString("CadenceFrom")) ?? default,
            CadenceSetBy = e.GetString("CadenceSetBy"),
            AppreciationDay = e.GetString("AppreciationDay") switch
            {
                null => Rhythm.DefaultAppreciationDay,
                Off => null,
                var day => Enum.Parse<DayOfWeek>(day),
            },
            Anniversary = MonthDay.Parse(e.GetString("Anniversary")),
            AnniversarySetBy = e.GetString("AnniversarySetBy"),
            ListeningDate = Ritual.FromColumn(e.GetString("Listening")),
            Ritual = Ritual.FromColumn(e.GetString("Ritual")),
            Home = Household.FromColumn(e.GetString("Home")),
            A = Read(Couple.PartnerA),
            B = Read(Couple.PartnerB),
            ETag = e.ETag.ToString(),
        };
    }
}
