using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HappyTogether.Storage;

namespace HappyTogether.Export;

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
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static byte[] Write(PartnerExport export)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var row in export.Answers)
        {
            csv.AppendJoin(',', Field(DateKey.Of(row.Date)), Field(row.Who), Field(row.Kind), Field(row.Question), Field(row.Text), Field(row.Mood)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>One field: a leading apostrophe before a formula start, then quoted (quotes doubled) when it holds a comma, quote or line break.</summary>
    public static string Field(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && FormulaStarts.Contains(text[0])) text = "'" + text;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
