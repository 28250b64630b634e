namespace HappyTogether.Foundation.Moods;

/// <summary>The short word lists the mood reader uses to read a reply's grammar (the lexicon file's "reading"
/// section).</summary>
internal sealed class ReadingRules
{
    public ReadingRules(Dictionary<string, List<string>> lists)
    {
        Negators = List("negators");
        Fillers = List("fillers");
        Closers = List("closers");
        Determiners = List("determiners");
        LinkingVerbs = List("linkingVerbs");
        OwnSubjects = List("ownSubjects");
        Intensifiers = List("intensifiers");
        Modifiers = List("modifiers");
        Contrasts = List("contrasts");
        Joiners = List("joiners");
        TypoCues = List("typoCues");
        TimeNouns = List("timeNouns");
        Pronouns = List("pronouns");
        OthersAsSubjects = List("othersAsSubjects");

        HashSet<string> List(string name) => lists.TryGetValue(name, out var words)
            ? new HashSet<string>(words, StringComparer.Ordinal)
            : throw new InvalidDataException($"The lexicon's reading rules have no '{name}' list.");
    }

    /// <summary>Words that negate the mood word after them ("not", "no", "never", "dont").</summary>
    public HashSet<string> Negators { get; }

    /// <summary>Words a mood word may stand beside and still stand alone ("just so tired rn").</summary>
    public HashSet<string> Fillers { get; }

    /// <summary>Words that may follow a mood word; any other word makes it describe that word ("lazy susan").</summary>
    public HashSet<string> Closers { get; }

    /// <summary>Words before a mood word that make it describe the next word ("the chill in the air").</summary>
    public HashSet<string> Determiners { get; }

    /// <summary>Verbs that tie a mood word to a subject ("the soup was amazing").</summary>
    public HashSet<string> LinkingVerbs { get; }

    /// <summary>Subjects whose mood word is the speaker's own ("I was tired", "today was great").</summary>
    public HashSet<string> OwnSubjects { get; }

    /// <summary>Words that may stand between a negator or a linking verb and the mood word ("not very", "was
    /// so").</summary>
    public HashSet<string> Intensifiers { get; }

    /// <summary>Mood words that only strengthen the mood word right after them ("bien cansado", "mad good").</summary>
    public HashSet<string> Modifiers { get; }

    /// <summary>Words after which the next mood word is the main one ("tired but happy").</summary>
    public HashSet<string> Contrasts { get; }

    /// <summary>Words that join two mood words of equal weight ("excited and nervous").</summary>
    public HashSet<string> Joiners { get; }

    /// <summary>Words after which a real word one letter from a feeling is read as its typo ("so tried").</summary>
    public HashSet<string> TypoCues { get; }

    /// <summary>Nouns a feeling may describe and still be the speaker's ("a rough day", "chill night in").</summary>
    public HashSet<string> TimeNouns { get; }

    /// <summary>Subject pronouns, which after "isn't" or "wasn't" make a question ("isn't it lovely").</summary>
    public HashSet<string> Pronouns { get; }

    /// <summary>Pronouns for someone else, whose feeling a word right after them names ("he loved the card").</summary>
    public HashSet<string> OthersAsSubjects { get; }
}
