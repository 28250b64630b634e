using HappyTogether.Entry.Inbound;

namespace HappyTogether.Tests.Domain;

public partial class KeywordsTests
{
    // ---------------------------------------------------------------- opt-out / opt-in / help

    private static readonly string[] OptOutWords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];
    private static readonly string[] OptInWords = ["YES", "JOIN", "START", "UNSTOP"];

    /// <summary>Each word as people really text it: lower case, padded title case with a full stop, shouted, spaced
    /// out, asked.</summary>
    private static TheoryData<string> Variants(IEnumerable<string> words)
    {
        var data = new TheoryData<string>();
        foreach (var word in words)
        {
            var lower = word.ToLowerInvariant();
            var title = word[..1] + lower[1..];
            data.Add(word);
            data.Add(lower);
            data.Add($" {title}. ");
            data.Add($"{word}!!");
            data.Add(string.Join(' ', lower.ToCharArray()));
            data.Add($"{title}?");
            data.Add($"\t{lower}\n");
        }
        return data;
    }

    public static TheoryData<string> OptOutVariants => Variants(OptOutWords);
    public static TheoryData<string> OptInVariants => Variants(OptInWords);

    [Theory]
    [MemberData(nameof(OptOutVariants))]
    public void Every_opt_out_word_in_any_case_with_punctuation_and_spaces_opts_out(string body)
    {
        Assert.Equal(Keyword.OptOut, Keywords.Parse(body).Keyword);
    }

    [Theory]
    [InlineData("stop")]
    [InlineData(" Stop. ")]
    [InlineData("STOP!!")]
    [InlineData("s t o p")]
    [InlineData("S.T.O.P.")]
    [InlineData("Unsubscribe?")]
    [InlineData("stop all")]
    [InlineData("Stop 🛑")]
    public void Opt_out_as_texted_in_the_wild(string body)
    {
        Assert.Equal(Keyword.OptOut, Keywords.Parse(body).Keyword);
    }

    [Theory]
    [InlineData("STOP", false)]
    [InlineData(" Stop. ", false)]
    [InlineData("quit!", false)]
    [InlineData("REVOKE", false)]
    [InlineData("s t o p", true)]
    [InlineData("opt out", true)]
    [InlineData("ＳＴＯＰ", true)]
    [InlineData("Stop 🛑", true)]
    public void Only_forms_twilio_does_not_answer_itself_get_a_confirmation(string body, bool confirm)
    {
        Assert.Equal(new Command(Keyword.OptOut, InOwnWords: confirm), Keywords.Parse(body));
    }

    [Theory]
    [InlineData("ＳＴＯＰ")] // full-width
    [InlineData("ｓｔｏｐ")]
    [InlineData("ＲＥＶＯＫＥ")]
    [InlineData("Opt-out")]
    [InlineData("OPT OUT")]
    [InlineData("\"stop\"")]
    public void Opt_out_words_count_after_unicode_normalization(string body)
    {
        Assert.Equal(Keyword.OptOut, Keywords.Parse(body).Keyword);
    }

    [Theory]
    [InlineData("stop please")]
    [InlineData("Please stop texting me")]
    [InlineData("please STOP sending me texts")]
    [InlineData("opt me out")]
    [InlineData("unsubscribe me")]
    [InlineData("unsubscribe me please thank you")]
    [InlineData("no more texts")]
    [InlineData("No more messages please")]
    [InlineData("Stop. Stop.")]
    [InlineData("STOP STOP STOP")]
    [InlineData("stop it")]
    [InlineData("can you stop texting me")]
    [InlineData("remove me from this list")]
    [InlineData("take me off your list")]
    [InlineData("I want to unsubscribe")]
    [InlineData("don't text me anymore")]
    [InlineData("Do not contact me")]
    [InlineData("cancel my subscription")]
    [InlineData("quit texting me")]
    [InlineData("leave me alone")]
    [InlineData("ｓｔｏｐ ｐｌｅａｓｅ")]
    public void A_short_request_to_stop_in_own_words_opts_out(string body)
    {
        Assert.Equal(new Command(Keyword.OptOut, InOwnWords: true), Keywords.Parse(body));
    }

    [Theory]
    [InlineData("please stop texting me, I never signed up for this")]
    [InlineData("how do I unsubscribe from all of this, it's a lot")]
    [InlineData("I love the texts but can we get fewer messages, stop the mornings")]
    public void A_longer_text_about_stopping_the_texts_is_unclear(string body)
    {
        Assert.Equal(new Command(Keyword.MaybeOptOut), Keywords.Parse(body));
    }

    [Theory]
    [InlineData("Stop by the bakery on your way home")]
    [InlineData("stop at the market first")]
    [InlineData("Stop it, you're making me blush")]
    [InlineData("End of a long week. drained")]
    [InlineData("the end")]
    [InlineData("quit my job today!! relieved")]
    [InlineData("cancel the dinner plans, tired")]
    [InlineData("can't stop smiling")]
    [InlineData("never stop doing that")]
    [InlineData("remove the sticker from the fridge")]
    [InlineData("stop by and pick me up")]
    public void Stop_words_in_an_answer_are_not_a_request_to_stop(string body)
    {
        Assert.Equal(new Command(Keyword.None), Keywords.Parse(body));
    }

    [Theory]
    [MemberData(nameof(OptInVariants))]
    public void Every_opt_in_word_in_any_case_with_punctuation_opts_in(string body)
    {
        Assert.Equal(new Command(Keyword.OptIn), Keywords.Parse(body));
    }

    [Theory]
    [InlineData("HELP")]
    [InlineData("help")]
    [InlineData("Help?")]
    [InlineData(" Help! ")]
    [InlineData("INFO")]
    [InlineData("info.")]
    public void Help_and_info_ask_for_help(string body)
    {
        Assert.Equal(new Command(Keyword.Help), Keywords.Parse(body));
    }

    // ---------------------------------------------------------------- plain keywords

    [Theory]
    [InlineData("RESUME", Keyword.Resume)]
    [InlineData("resume", Keyword.Resume)]
    [InlineData("SKIP", Keyword.Skip)]
    [InlineData("Skip.", Keyword.Skip)]
    [InlineData("STATUS", Keyword.Status)]
    [InlineData("EVERY 2", Keyword.EveryOtherDay)]
    [InlineData("every 2 days", Keyword.EveryOtherDay)]
    [InlineData("Every other day", Keyword.EveryOtherDay)]
    [InlineData("WEEKDAYS", Keyword.Weekdays)]
    [InlineData("daily", Keyword.Daily)]
    [InlineData("DATES", Keyword.Dates)]
    [InlineData("export", Keyword.Export)]
    [InlineData("NUDGE OFF", Keyword.NudgeOff)]
    [InlineData(" status ", Keyword.Status)]
    [InlineData("DONE", Keyword.Done)]
    [InlineData("Done!", Keyword.Done)]
    [InlineData("DELETE", Keyword.Delete)]
    [InlineData("delete", Keyword.Delete)]
    [InlineData("DELETE YES", Keyword.DeleteYes)]
    [InlineData("delete yes", Keyword.DeleteYes)]
    [InlineData("Delete Yes!", Keyword.DeleteYes)]
    [InlineData("Delete, yes", Keyword.DeleteYes)]
    [InlineData("SHARE OFF", Keyword.ShareOff)]
    [InlineData("share off", Keyword.ShareOff)]
    [InlineData("SHARE ON", Keyword.ShareOn)]
    [InlineData("share on", Keyword.ShareOn)]
    public void A_bare_keyword_is_that_keyword_without_an_argument(string body, string expected)
    {
        Assert.Equal(new Command(expected), Keywords.Parse(body));
    }

    // ---------------------------------------------------------------- keywords with an argument

    [Fact]
    public void Pause_alone_has_no_argument()
    {
        Assert.Equal(new Command(Keyword.Pause, null), Keywords.Parse("PAUSE"));
        Assert.Equal(new Command(Keyword.Pause, null), Keywords.Parse(" pause "));
    }

    [Theory]
    [InlineData("PAUSE 5", Keyword.Pause, "5")]
    [InlineData("pause 10 days", Keyword.Pause, "10 days")]
    [InlineData("Pause 3 days", Keyword.Pause, "3 days")]
    [InlineData("TIME 9pm", Keyword.Time, "9pm")]
    [InlineData("time 9 pm", Keyword.Time, "9 pm")]
    [InlineData("Time 21:00", Keyword.Time, "21:00")]
    [InlineData("MORNING 7:30", Keyword.Morning, "7:30")]
    [InlineData("morning 7 am", Keyword.Morning, "7 am")]
    [InlineData("ZONE Chicago", Keyword.Zone, "Chicago")]
    [InlineData("zone New York", Keyword.Zone, "New York")]
    [InlineData("ZONE America/Los_Angeles", Keyword.Zone, "America/Los_Angeles")]
    [InlineData("zone   New   York ", Keyword.Zone, "New York")]
    [InlineData("THANKS fri", Keyword.Thanks, "fri")]
    [InlineData("thanks Sunday", Keyword.Thanks, "Sunday")]
    [InlineData("THANKS OFF", Keyword.Thanks, "OFF")]
    [InlineData("DATE anniversary 06-14", Keyword.Date, "anniversary 06-14")]
    [InlineData("date birthday March 2nd", Keyword.Date, "birthday March 2nd")]
    [InlineData("DATE bday 3/2", Keyword.Date, "bday 3/2")]
    [InlineData("DATE anniversary OFF", Keyword.Date, "anniversary OFF")]
    public void A_keyword_with_a_short_argument_keeps_the_argument_text(string body, string expected, string argument)
    {
        Assert.Equal(new Command(expected, argument), Keywords.Parse(body));
    }

    // ---------------------------------------------------------------- answers that merely look like keywords

    [Theory]
    [InlineData("Time flies when we're together")]
    [InlineData("Done with work, so tired")]
    [InlineData("Stop by the bakery was the best part")]
    [InlineData("Yes yes yes!")]
    [InlineData("Share a secret: I love you")]
    [InlineData("Pause? Never")]
    [InlineData("HELP me choose")]
    [InlineData("Zone out on the couch with you tonight")]
    [InlineData("The end of the day was lovely")]
    [InlineData("Skip the dishes and dance")]
    [InlineData("TIME")]
    [InlineData("ZONE")]
    [InlineData("Morning")]
    [InlineData("morning!")]
    [InlineData("Date night was lovely")]
    [InlineData("Thanks love")]
    [InlineData("thanks for the soup")]
    [InlineData("Every day with you is a gift")]
    [InlineData("every 2 minutes I think of you")]
    [InlineData("Daily walks are our thing")]
    [InlineData("Export our memories to a book")]
    [InlineData("Dates with you are the best")]
    public void Text_that_starts_like_a_keyword_but_is_an_answer_is_not_a_command(string body)
    {
        Assert.Equal(new Command(Keyword.None), Keywords.Parse(body));
    }

    /// <summary>
    /// Short, everyday replies that begin with a setting keyword but whose "argument" is clearly not a
    /// time: these are answers and must be saved as such, not bounced with a "try TIME 9pm" example.
    /// </summary>
    [Theory]
    [InlineData("Morning babe")]
    [InlineData("Morning love ❤️")]
    [InlineData("Time flies")]
    public void Short_answers_starting_with_time_or_morning_are_not_commands(string body)
    {
        Assert.Equal(new Command(Keyword.None), Keywords.Parse(body));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" \t\r\n ")]
    [InlineData("停止")]
    [InlineData("Стоп")]
    [InlineData("❤️")]
    [InlineData("😘😘")]
    [InlineData("👍")]
    [InlineData("!!!")]
    [InlineData("42")]
    public void Empty_non_latin_and_emoji_texts_are_not_commands(string? body)
    {
        Assert.Equal(new Command(Keyword.None), Keywords.Parse(body));
    }

    // ---------------------------------------------------------------- TryParseTime

    [Theory]
    [InlineData("9pm", true, 21, 0)]
    [InlineData("9pm", false, 21, 0)]
    [InlineData("9 pm", true, 21, 0)]
    [InlineData("9 PM", false, 21, 0)]
    [InlineData("9p", true, 21, 0)]
    [InlineData("9:30pm", true, 21, 30)]
    [InlineData("9:30 pm", false, 21, 30)]
    [InlineData("9am", true, 9, 0)]
    [InlineData("7:30am", true, 7, 30)]
    [InlineData("21:00", true, 21, 0)]
    [InlineData("21:00", false, 21, 0)]
    [InlineData("2130", true, 21, 30)]
    [InlineData("2130", false, 21, 30)]
    [InlineData("7.30", true, 19, 30)]
    [InlineData("7.30", false, 7, 30)]
    [InlineData("7:30", false, 7, 30)]
    [InlineData("730", false, 7, 30)]
    [InlineData("730", true, 19, 30)]
    [InlineData("9", true, 21, 0)]
    [InlineData("9", false, 9, 0)]
    [InlineData(" 9 ", false, 9, 0)]
    [InlineData("12pm", true, 12, 0)]
    [InlineData("12pm", false, 12, 0)]
    [InlineData("12am", true, 0, 0)]
    [InlineData("12am", false, 0, 0)]
    public void Times_as_people_text_them_parse(string text, bool evening, int hour, int minute)
    {
        Assert.True(Keywords.TryParseTime(text, evening, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    /// <summary>The everyday written forms with dotted a.m./p.m. and a sentence's closing full stop.</summary>
    [Theory]
    [InlineData("9 p.m.", true, 21, 0)]
    [InlineData("9:30 p.m.", false, 21, 30)]
    [InlineData("7 a.m.", false, 7, 0)]
    [InlineData("9pm.", true, 21, 0)]
    public void Dotted_meridiem_and_trailing_full_stop_parse(string text, bool evening, int hour, int minute)
    {
        Assert.True(Keywords.TryParseTime(text, evening, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData("noon")]
    [InlineData("25:00")]
    [InlineData("9:75")]
    [InlineData("13pm")]
    [InlineData("0pm")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("9:3")]
    [InlineData("9:30:00")]
    [InlineData("-9")]
    [InlineData("2460")]
    public void Nonsense_times_do_not_parse(string? text)
    {
        Assert.False(Keywords.TryParseTime(text, evening: true, out _));
        Assert.False(Keywords.TryParseTime(text, evening: false, out _));
    }
}
