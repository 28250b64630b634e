using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HappyTogether.Foundation.Storage;

namespace HappyTogether.Pages.Export;

/// <summary>An export as a JSON document: camelCase, indented, UTF-8.</summary>
public static class ExportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A download, never inlined into a page: accents and symbols stay readable rather than \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(PartnerExport export) => JsonSerializer.SerializeToUtf8Bytes(export, Options);
}

/// <summary>
/// An export as CSV, one row per text (date, who, kind, question, text, mood): RFC 4180 quoting, CRLF
/// line ends, UTF-8 with a byte order mark so spreadsheet apps read accents and emoji, and no field
/// that a spreadsheet would run as a formula.
/// </summary>
public static class ExportCsv
{
    public const string Header = "date,who,kind,question,text,mood";

    // Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
    private const string FormulaStarts = "=+-@\t\r";

    // Where a spreadsheet may start a new cell: our comma, the semicolon European locales split on, tab, line breaks.
    private const string Separators = ",;\t\r\n";

    public static byte[] Write(PartnerExport export)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var row in export.Answers)
        {
            csv.AppendJoin(',', Field(DateKey.Of(row.Date)), Field(row.Who), Field(row.Kind), Field(row.Question), Field(row.Text), Field(row.Mood)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>
    /// One field. A formula start at the beginning, or right after a separator a spreadsheet may split
    /// on (it would then begin a cell of its own), gets an apostrophe before it, and such a field is
    /// quoted; so is one holding a comma, quote or line break (quotes doubled). Anything else is unchanged.
    /// </summary>
    public static string Field(string? value)
    {
        var text = value ?? "";
        var starts = Enumerable.Range(0, text.Length).Where(i => StartsFormula(text, i)).ToList();
        if (starts.Count == 0)
            return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
        var safe = new StringBuilder(text.Length + starts.Count + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            if (starts.Contains(i)) safe.Append('\'');
            if (text[i] == '"') safe.Append('"');
            safe.Append(text[i]);
        }
        return safe.Append('"').ToString();
    }

    /// <summary>Whether a cell a spreadsheet splits out could begin at <paramref name="at"/> with a formula
    /// start.</summary>
    private static bool StartsFormula(string text, int at) =>
        FormulaStarts.Contains(text[at]) && (at == 0 || Separators.Contains(text[at - 1]));
}
