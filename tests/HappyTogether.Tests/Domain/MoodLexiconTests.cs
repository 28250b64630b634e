using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HappyTogether.Foundation.Moods;

namespace HappyTogether.Tests.Domain;

public class MoodLexiconTests
{
    private static readonly MoodLexicon Lexicon = MoodLexicon.Load();

    // The shipped data file, read independently of the class under test.
    private static JsonElement File()
    {
        using var stream = typeof(MoodLexicon).Assembly.GetManifestResourceStream("HappyTogether.Foundation.Moods.lexicon.json")!;
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    // A hand-made lexicon with the shipped reading rules.
    private static MoodLexicon Custom(string json, IReadOnlySet<string>? english = null)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node["reading"] ??= JsonNode.Parse(File().GetProperty("reading").GetRawText());
        return MoodLexicon.Parse(new MemoryStream(Encoding.UTF8.GetBytes(node.ToJsonString())), english);
    }

    private static void AssertMood(string? text, string word)
    {
        var mood = Lexicon.Extract(text);
        Assert.True(mood is not null, $"'{text}' gave no mood, expected {word}");
        Assert.Equal(word, mood.Word);
    }

    private static void AssertNone(string? text)
    {
        var mood = Lexicon.Extract(text);
        Assert.True(mood is null, $"'{text}' was read as {mood?.Word}");
    }

    [Fact]
    public void Lexicon_is_large_and_covers_every_quadrant()
    {
        var words = File().GetProperty("words").EnumerateArray().Select(w => w.GetProperty("word").GetString()!).ToList();
        Assert.True(Lexicon.Count >= 150, $"{Lexicon.Count} words");
        Assert.Equal(words.Count, Lexicon.Count);

        var quadrants = words.Select(w => Lexicon.Extract(w)!.Quadrant).ToList();
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
        Assert.Equal(new MoodWord("stressed", values.Pleasantness, values.Energy), mood);
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
    [InlineData("tired but happy", "happy")]
    [InlineData("happy but tired", "tired")]
    [InlineData("Long day but calm now 😌", "calm")]
    [InlineData("I love our Sunday walks. anxious", "anxious")]
    [InlineData("anxious at lunch, the walk made me calm. calm", "calm")]
    [InlineData("Mood: grumpy. The bus never came.", "grumpy")]
    [InlineData("tired. but the soup was amazing", "tired")]
    [InlineData("relieved, tired, mostly relieved", "relieved")]
    public void The_mood_given_as_the_mood_wins(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData("not great", "meh")]
    [InlineData("Not good tonight", "meh")]
    [InlineData("not bad", "okay")]
    [InlineData("not too bad actually", "okay")]
    [InlineData("not happy", "unhappy")]
    [InlineData("I'm not very happy", "unhappy")]
    [InlineData("don't feel great", "meh")]
    [InlineData("can't complain", "okay")]
    [InlineData("no complaints", "okay")]
    [InlineData("no stress today, relaxed", "relaxed")]
    [InlineData("stress-free day", "relaxed")]
    [InlineData("never been happier", "happy")]
    [InlineData("couldn't be better", "great")]
    [InlineData("no estoy bien", "bad")]
    [InlineData("nada mal", "okay")]
    [InlineData("isn't it lovely", "lovely")]
    public void Negation_changes_the_reading(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData("not tired")]
    [InlineData("wasn't sad at all")]
    [InlineData("not very tired")]
    [InlineData("I'm not unhappy")]
    [InlineData("hardly worried")]
    public void A_negation_without_a_clear_reading_records_nothing(string text) => AssertNone(text);

    [Theory]
    [InlineData("the soup was amazing")]
    [InlineData("Jake was sad his team lost")]
    [InlineData("she's so happy with her new bike")]
    [InlineData("our lazy susan finally arrived")]
    [InlineData("happy hour with your coworkers")]
    [InlineData("my great aunt's stories at lunch")]
    [InlineData("good morning text from you")]
    [InlineData("the chill in the air")]
    [InlineData("I love our Sunday walks")]
    [InlineData("excited and nervous for tomorrow")]
    public void Feelings_that_are_not_the_speaker_s_mood_record_nothing(string text) => AssertNone(text);

    [Theory]
    [InlineData("had a rough day", "rough")]
    [InlineData("it was great", "great")]
    [InlineData("I was so tired", "tired")]
    [InlineData("we're happy", "happy")]
    [InlineData("chill night in", "chill")]
    public void The_speaker_s_own_feeling_counts(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData(":)", "happy")]
    [InlineData(":-(", "sad")]
    [InlineData("<3", "loved")]
    [InlineData(":/", "meh")]
    [InlineData("xD", "amused")]
    [InlineData("dinner with your sister :)", "happy")]
    [InlineData("tired :)", "tired")] // a word beats a face
    [InlineData("so-so", "meh")]
    [InlineData("ugh", "frustrated")]
    [InlineData("ugh, tired", "tired")]
    [InlineData("lol", "amused")]
    [InlineData("yasss finally friday", "excited")]
    [InlineData("happyyy", "happy")]
    public void Emoticons_and_slang_map_to_a_mood(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData("idk")]
    [InlineData("peanut butter toast for dinner lol")] // "lol" beside other words is not a mood
    [InlineData("see https://example.com/x")] // ":/" inside a link is no face
    [InlineData("at 9:30 tonight")]
    [InlineData("👍")]
    public void Faces_and_slang_that_say_nothing_record_nothing(string text) => AssertNone(text);

    [Theory]
    [InlineData("feliz", "happy")]
    [InlineData("cansada", "tired")]
    [InlineData("muy cansado hoy", "tired")]
    [InlineData("triste", "sad")]
    [InlineData("bien", "fine")]
    [InlineData("tranquila, viendo una peli", "calm")]
    [InlineData("estresado por el trabajo", "stressed")]
    [InlineData("contenta", "content")]
    [InlineData("enojado con el tráfico", "angry")]
    [InlineData("agotada", "exhausted")]
    [InlineData("cansadísima", "tired")]
    [InlineData("estoy bien cansado", "tired")] // "bien" before a feeling means "very"
    [InlineData("cooking juntos. cansada pero happy", "happy")]
    public void Spanish_words_read_as_their_english_mood(string text, string word) => AssertMood(text, word);

    [Fact]
    public void Other_languages_are_data()
    {
        var languages = File().GetProperty("languages");
        var spanish = languages.GetProperty("es").EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Count();
        Assert.True(spanish >= 18, $"{spanish} Spanish words");
        var german = Custom("""
            {"scale":"t","words":[{"word":"tired","pleasantness":-2,"energy":-4}],"emoji":{},
             "languages":{"de":{"tired":["müde"]}}}
            """);
        Assert.Equal("tired", german.Extract("Ich bin müde")!.Word);
    }

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
    [InlineData("😴 but happy", "happy")]
    [InlineData("happy 😴", "happy")]
    [InlineData("long day 😫 but ok", "okay")]
    [InlineData("🐶🍕 so stressed", "stressed")]
    [InlineData("our walk ❤️", "loved")]
    [InlineData("😂😂", "amused")]
    public void Words_beat_emoji_and_emoji_count_alone(string text, string word) => AssertMood(text, word);

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
    public void One_edit_typo_of_a_long_word_is_recognized(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData("tird", "tired")] // four letters, to a five-letter word
    [InlineData("anxoius", "anxious")] // two letters swapped
    [InlineData("so releived", "relieved")]
    [InlineData("long shift, so tried tonight", "tired")] // a real word read as a typo only where a feeling is expected
    [InlineData("ＴＩＲＥＤ", "tired")] // full-width letters
    public void Short_typos_and_swaps_are_recognized(string text, string word) => AssertMood(text, word);

    [Theory]
    [InlineData("sadd")] // two four-letter words one letter apart are too often two words
    [InlineData("strezzed")] // two substitutions
    [InlineData("peanut butter")]
    [InlineData("We hired a car")]
    [InlineData("I'd share my fries")]
    [InlineData("we tried the new place")]
    [InlineData("board game night")]
    public void English_words_and_distant_typos_are_not_feelings(string text) => AssertNone(text);

    [Fact]
    public void The_word_list_decides_what_is_a_typo()
    {
        const string json = """{"scale":"t","words":[{"word":"bitter","pleasantness":-2,"energy":1}],"emoji":{}}""";
        Assert.Equal("bitter", Custom(json).Extract("butter")!.Word);
        Assert.Null(Custom(json, new HashSet<string> { "butter" }).Extract("butter"));
    }

    [Fact]
    public void Typo_tie_goes_to_a_canonical_word_then_to_the_first_entry_in_the_file()
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

        // A canonical word beats an alias, even of an earlier word.
        var alias = Custom("""
            {"scale":"test","words":[
              {"word":"calm","pleasantness":1,"energy":-1,"aliases":["cosy"]},
              {"word":"peaceful","pleasantness":1,"energy":-1,"aliases":["serene"]},
              {"word":"severe","pleasantness":-1,"energy":1,"aliases":[]}],
             "emoji":{}}
            """);
        Assert.Equal("severe", alias.Extract("serere")!.Word);
    }

    [Theory]
    [InlineData("Long day")]
    [InlineData("PIZZA time!")]
    [InlineData("Supercalifragilisticexpialidocious")]
    [InlineData("أنا بخير")]
    [InlineData("疲れた")]
    [InlineData("Привет")]
    [InlineData("🐶")]
    [InlineData("👨‍👩‍👧 🍕")]
    public void A_reply_without_a_feeling_records_nothing(string text) => AssertNone(text);

    [Theory]
    [InlineData("calm", "calm")]
    [InlineData("so tired", "tired")]
    [InlineData("feeling calm now", "calm")]
    [InlineData("not great", "meh")]
    [InlineData("😊", "happy")]
    public void A_text_of_only_a_mood_is_a_mood(string text, string word) => Assert.Equal(word, Lexicon.MoodOnly(text)!.Word);

    [Theory]
    [InlineData("aww ❤️")]
    [InlineData("haha yes")]
    [InlineData("love you")]
    [InlineData("the walk home. calm")]
    public void A_text_with_more_than_a_mood_is_not_only_a_mood(string text) => Assert.Null(Lexicon.MoodOnly(text));

    [Fact]
    public void Emoji_alone_are_a_mood_only_when_asked()
    {
        Assert.Equal("loved", Lexicon.MoodOnly("❤️")!.Word);
        Assert.Null(Lexicon.MoodOnly("❤️", wordsOnly: true));
        Assert.Equal("calm", Lexicon.MoodOnly("calm 😌", wordsOnly: true)!.Word);
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
            Assert.True(Lexicon.TryGet(mood.Word, out _), $"'{mood.Word}' is not a lexicon word");
        }
    }

    [Fact]
    public void Long_body_with_a_late_feeling_word_is_found()
    {
        var body = string.Concat(Enumerable.Repeat("blah-di-blah lorem ipsum dolor ", 60))[..1590] + " anxious";
        Assert.Equal(1598, body.Length);
        AssertMood(body, "anxious"); // the last feeling, standing alone
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
        Assert.Throws<InvalidDataException>(() => Custom("""
            {"scale":"t","words":[{"word":"calm","pleasantness":1,"energy":-1,"negated":"tense"}],"emoji":{}}
            """));
        Assert.Throws<InvalidDataException>(() => Custom("""
            {"scale":"t","words":[{"word":"calm","pleasantness":1,"energy":-1}],"emoji":{},"phrases":[{"text":"at peace","word":"peaceful"}]}
            """));
    }
}
