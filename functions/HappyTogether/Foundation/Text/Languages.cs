using System.Globalization;

namespace HappyTogether.Foundation.Text;

/// <summary>
/// The languages the app writes in, and the one it writes in now: the .NET UI culture, which the conversation and the
/// sender set to the partner's language for as long as they compose that partner's text (and which flows with
/// async calls), as resource lookups do.
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string Spanish = "es";

    public static readonly IReadOnlyList<string> All = [English, Spanish];

    /// <summary>The language texts are written in now: the UI culture's, when the app writes in it, else
    /// English.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var language && All.Contains(language) ? language : English;

    /// <summary>Writes in <paramref name="language"/> (English when null) until the scope is disposed.</summary>
    public static Scope Use(string? language)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language is not null && All.Contains(language) ? language : English);
        return new Scope(before);
    }

    /// <summary>Puts back the language that was current before <see cref="Use"/>.</summary>
    public readonly struct Scope(CultureInfo before) : IDisposable
    {
        public void Dispose() => CultureInfo.CurrentUICulture = before;
    }
}
