using System.Text;
using System.Text.Json;
using HappyTogether.Moods;

namespace HappyTogether.Tests.Domain;

public class MoodLexiconTests
{
    private static readonly MoodLexicon Lexicon = MoodLexicon.Load();

    [Theory]
    [InlineData("We kissed goodnight")]
    [InlineData("Pizza night")]
    [InlineData("We tried the new place")]
    [InlineData("Talked about money and summer plans")]
    public void Everyday_words_next_to_a_feeling_are_not_read_as_typos(string text)
    {
        var mood = Lexicon.Extract(text)!;
        Assert.False(mood.Recognised, $"'{text}' was read as {mood.Word}");
    }

    [Theory]
    [InlineData("I love you", "loved")]
    [InlineData("lovely evening", "lovely")]
    [InlineData("feeling better", "better")]
    public void Common_warm_words_are_feelings(string text, string expected) => Assert.Equal(expected, Lexicon.Extract(text)!.Word);

    // The shipped data file, read independently of the class under test.
    private static JsonElement File()
    {
        using var stream = typeof(MoodLexicon).Assembly.GetManifestResourceStream("HappyTogether.Moods.lexicon.json")!;
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    private static MoodLexicon Custom(string json) => MoodLexicon.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static void AssertMood(string text, string word)
    {
        var mood = Lexicon.Extract(text);
        Assert.NotNull(mood);
        Assert.True(mood.Recognised, $"'{text}' gave unrecognised '{mood.Word}'");
        Assert.Equal(word, mood.Word);
    }

    private static void AssertUnrecognised(string text, string word)
    {
        var mood = Lexicon.Extract(text);
        Assert.NotNull(mood);
        Assert.Equal(new MoodWord(word, false, 0, 0), mood);
        Assert.Null(mood.Quadrant);
    }

    [Fact]
    public void Lexicon_is_large_and_covers_every_quadrant()
    {
        var words = File().GetProperty("words").EnumerateArray().Select(w => w.GetProperty("word").GetString()!).ToList();
        Assert.True(Lexicon.Count >= 150, $"{Lexicon.Count} words");
        Assert.Equal(words.Count, Lexicon.Count);

        var quadrants = words.Select(w => Lexicon.Extract(w)!.Quadrant).ToList();
        Assert.All(quadrants, q => Assert.NotNull(q));
        foreach (var quadrant in Enum.GetValues<Quadrant>())
        {
            var count = quadrants.Count(q => q == quadrant);
            Assert.True(count >= 30, $"{quadrant}: only {count} words");
        }
    }

    [Fact]
    public void Every_word_has_values_in_range_that_match_its_quadrant()
    {
        foreach (var entry in File().GetProperty("words").EnumerateArray())
        {
            var word = entry.GetProperty("word").GetString()!;
            Assert.True(Lexicon.TryGet(word, out var values), word);
            Assert.Equal((entry.GetProperty("pleasantness").GetInt32(), entry.GetProperty("energy").GetInt32()), values);
            Assert.InRange(Math.Abs(values.Pleasantness), 1, 5);
            Assert.InRange(Math.Abs(values.Energy), 1, 5);
            var mood = Lexicon.Extract(word)!;
            Assert.Equal((values.Pleasantness, values.Energy), (mood.Pleasantness, mood.Energy));
        }
    }

    [Fact]
    public void Every_emoji_maps_to_a_known_word()
    {
        var emoji = File().GetProperty("emoji").EnumerateObject().ToList();
        Assert.True(emoji.Count >= 50, $"{emoji.Count} emoji");
        foreach (var pair in emoji)
        {
            var target = pair.Value.GetString()!;
            Assert.True(Lexicon.TryGet(target, out _), $"{pair.Name} maps to unknown word '{target}'");
            AssertMood(pair.Name, target);
        }
    }

    [Fact]
    public void TryGet_knows_canonical_words_only()
    {
        Assert.True(Lexicon.TryGet("calm", out var calm));
        Assert.True(calm.Pleasantness > 0 && calm.Energy < 0);
        Assert.True(Lexicon.TryGet("Calm", out _));
        Assert.False(Lexicon.TryGet("comfy", out _)); // an alias of cozy
        Assert.False(Lexicon.TryGet("pizza", out var none));
        Assert.Equal(default, none);
    }

    [Fact]
    public void Exact_word_gives_its_values_and_quadrant()
    {
        var mood = Lexicon.Extract("stressed")!;
        Assert.True(Lexicon.TryGet("stressed", out var values));
        Assert.Equal(new MoodWord("stressed", true, values.Pleasantness, values.Energy), mood);
        Assert.Equal(Quadrant.Red, mood.Quadrant);
        Assert.Equal(Quadrant.Yellow, Lexicon.Extract("excited")!.Quadrant);
        Assert.Equal(Quadrant.Green, Lexicon.Extract("calm")!.Quadrant);
        Assert.Equal(Quadrant.Blue, Lexicon.Extract("sad")!.Quadrant);
    }

    [Theory]
    [InlineData("comfy", "cozy")]
    [InlineData("ok", "okay")]
    [InlineData("anxiety", "anxious")]
    [InlineData("feeling stressful today", "stressed")]
    public void Alias_gives_its_canonical_word(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData("CALM!!!", "calm")]
    [InlineData("...tired.", "tired")]
    [InlineData("Happy :)", "happy")]
    [InlineData("(relaxed)", "relaxed")]
    [InlineData("so-so, kinda MeH?", "meh")]
    [InlineData("I’m \"grateful\"", "grateful")]
    public void Case_and_punctuation_do_not_matter(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData("tired but happy", "tired")]
    [InlineData("happy but tired", "happy")]
    [InlineData("Long day but calm now 😌", "calm")]
    [InlineData("Had a great day, feeling loved", "great")]
    public void First_feeling_word_wins(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData("😌", "relieved")]
    [InlineData("❤️", "loved")]
    [InlineData("❤", "loved")]
    [InlineData("☹", "unhappy")]
    [InlineData("☹️", "unhappy")]
    [InlineData("😮‍💨", "relieved")]
    [InlineData("😵‍💫", "overwhelmed")]
    [InlineData("🙏🏽", "grateful")] // skin tone
    [InlineData("🧘‍♀️", "zen")] // gendered ZWJ sequence of a mapped emoji
    [InlineData("😴😴😴", "sleepy")]
    public void Emoji_alone_gives_its_word(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData("😴 but happy", "sleepy")]
    [InlineData("happy 😴", "happy")]
    [InlineData("long day 😫 but ok", "exhausted")]
    [InlineData("work 🤯 then nice dinner ❤️ feeling calm", "shocked")]
    [InlineData("🐶🍕 so stressed", "stressed")]
    public void Emoji_and_words_are_read_in_order(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData("stresed", "stressed")] // deletion
    [InlineData("feeling stresed", "stressed")]
    [InlineData("HAPPPY!!", "happy")] // insertion
    [InlineData("stresssed", "stressed")]
    [InlineData("exausted", "exhausted")]
    [InlineData("anxioua", "anxious")] // substitution
    [InlineData("strssed out", "stressed")]
    [InlineData("so frustraited", "frustrated")]
    [InlineData("comfyy", "cozy")] // typo of an alias gives the alias's word
    public void One_edit_typo_of_a_long_word_is_recognised(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData("tird", "tird")] // typo word has only 4 letters
    [InlineData("sadd", "sadd")]
    [InlineData("glaad", "glaad")] // 5 letters, but "glad" has only 4
    [InlineData("anxoius", "anxoius")] // a transposition is two edits
    [InlineData("so releived", "so")]
    [InlineData("strezzed", "strezzed")] // two substitutions
    public void Short_or_distant_typos_are_not_recognised(string text, string word) => AssertUnrecognised(text, word);

    [Theory]
    [InlineData("stresed but happy", "happy")]
    [InlineData("exausted, kinda sad", "sad")]
    [InlineData("happpy 😴", "sleepy")]
    public void Exact_match_beats_an_earlier_typo(string text, string word) => AssertMood(text, word);

    [Fact]
    public void Typo_tie_goes_to_the_first_entry_in_the_file()
    {
        const string twoWords = """
            {"scale":"test","words":[
              {"word":"%1","pleasantness":1,"energy":1,"aliases":[]},
              {"word":"%2","pleasantness":-1,"energy":-1,"aliases":[]}],
             "emoji":{}}
            """;
        var forwards = Custom(twoWords.Replace("%1", "mellow").Replace("%2", "yellow"));
        var backwards = Custom(twoWords.Replace("%1", "yellow").Replace("%2", "mellow"));
        Assert.Equal("mellow", forwards.Extract("fellow")!.Word);
        Assert.Equal("yellow", backwards.Extract("fellow")!.Word);

        // An alias of an earlier word beats a later canonical word.
        var alias = Custom("""
            {"scale":"test","words":[
              {"word":"calm","pleasantness":1,"energy":-1,"aliases":["cosy"]},
              {"word":"peaceful","pleasantness":1,"energy":-1,"aliases":["serene"]},
              {"word":"severe","pleasantness":-1,"energy":1,"aliases":[]}],
             "emoji":{}}
            """);
        Assert.Equal("peaceful", alias.Extract("serere")!.Word);
    }

    [Theory]
    [InlineData("Long day", "long")]
    [InlineData("PIZZA time!", "pizza")]
    [InlineData("can't complain", "can't")]
    [InlineData("Don’t know", "don't")]
    [InlineData("42 ... Whatever", "whatever")]
    [InlineData("Supercalifragilisticexpialidocious", "supercalifragilistic")]
    public void Unrecognised_reply_gives_the_first_word(string text, string word) => AssertUnrecognised(text, word);

    [Theory]
    [InlineData("أنا بخير", "أنا")] // Arabic
    [InlineData("אני בסדר", "אני")] // Hebrew
    [InlineData("Ich bin müde", "ich")]
    [InlineData("Ça va", "ça")]
    [InlineData("疲れた", "疲れた")]
    [InlineData("Привет", "привет")]
    public void Non_Latin_words_are_unrecognised_first_words(string text, string word) => AssertUnrecognised(text, word);

    [Fact]
    public void Unmapped_emoji_alone_is_returned_as_written()
    {
        AssertUnrecognised("🐶", "🐶");
        AssertUnrecognised("👨‍👩‍👧 🍕", "👨‍👩‍👧");
        AssertUnrecognised("🍕 pizza", "pizza"); // a word comes before a symbol
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")] // a picture-only MMS has an empty body
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData("!!! ... ???")]
    [InlineData("123")]
    public void Empty_or_wordless_reply_gives_null(string? text) => Assert.Null(Lexicon.Extract(text));

    [Theory]
    [InlineData("\u0000\u0007happy\u001b[0m", "happy")]
    [InlineData("\uDE0C calm \uD83D", "calm")] // lone surrogates either side
    [InlineData("\u202Ecalm\u202C", "calm")] // right-to-left override
    [InlineData("שמח מאוד tired", "tired")]
    [InlineData("أنا متعب 😴", "sleepy")]
    [InlineData("ha\u0000ppy sad", "sad")] // a control character splits the word
    public void Odd_characters_do_not_break_matching(string text, string word) => AssertMood(text, word);

    [Fact]
    public void Hostile_input_never_throws()
    {
        var inputs = new List<string>
        {
            "\uD83D", "\uDE0C", "\uDE0C\uD83D", "\u200D", "\uFE0F", "\u0301", "'", "'happy'", "a'", "''''",
            "\u20E3", "1\uFE0F\u20E3", "🏽", new string('\uD83D', 1600), new string('a', 1600), new string('\u0301', 1600),
            "a" + new string('\u0301', 1599), string.Concat(Enumerable.Repeat("😀", 800)),
            string.Concat(Enumerable.Repeat("stresed ", 200)), string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 145)),
        };
        const string awkward = "ab😀 '’\u200D\uFE0Fאש!\n";
        var random = new Random(1234);
        for (var n = 0; n < 200; n++)
        {
            var chars = new char[1600];
            for (var i = 0; i < chars.Length; i++)
                chars[i] = (n % 2 == 0) ? (char)random.Next(0, 0x10000) : awkward[random.Next(awkward.Length)];
            inputs.Add(new string(chars));
        }

        foreach (var input in inputs)
        {
            var mood = Lexicon.Extract(input);
            if (mood is null) continue;
            Assert.InRange(mood.Word.Length, 1, 20);
            Assert.False(char.IsHighSurrogate(mood.Word[^1]), "word ends in half a surrogate pair");
        }
    }

    [Fact]
    public void Long_body_with_a_late_feeling_word_is_found()
    {
        var body = string.Concat(Enumerable.Repeat("blah-di-blah lorem ipsum dolor ", 60))[..1590] + " anxious";
        Assert.Equal(1598, body.Length);
        AssertMood(body, "blah"); // "blah" is itself a lexicon word: first one wins
        AssertMood(body.Replace("blah", "word"), "anxious");
    }

    [Fact]
    public void Inconsistent_data_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => Custom("""
            {"scale":"t","words":[{"word":"calm","pleasantness":0,"energy":-1}],"emoji":{}}
            """));
        Assert.Throws<InvalidDataException>(() => Custom("""
            {"scale":"t","words":[{"word":"calm","pleasantness":1,"energy":-1}],"emoji":{"😌":"relieved"}}
            """));
        Assert.Throws<InvalidDataException>(() => Custom("""
            {"scale":"t","words":[{"word":"calm","pleasantness":1,"energy":-1,"aliases":["zen"]},
                                  {"word":"zen","pleasantness":1,"energy":-1}],"emoji":{}}
            """));
    }
}
