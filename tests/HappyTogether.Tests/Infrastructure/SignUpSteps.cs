using System.Text.RegularExpressions;

namespace HappyTogether.Tests.Infrastructure;

/// <summary>The SMS sign-up dialogue as a person texts it, for tests.</summary>
public static partial class SignUpSteps
{
    /// <summary>JOIN, a first name, the partner's number and name; returns the last reply.</summary>
    public static async Task<string?> SignUpAsync(this TestApp app, string from, string name, string partner, string partnerName)
    {
        await app.TextAsync(from, "JOIN");
        await app.TextAsync(from, name);
        await app.TextAsync(from, partner);
        return (await app.TextAsync(from, partnerName)).Reply;
    }

    /// <summary>The pairing code a reply offers ("text JOIN 123456").</summary>
    public static string CodeIn(string reply) => Code().Match(reply).Groups[1].Value;

    [GeneratedRegex(@"JOIN (\d{6})")]
    private static partial Regex Code();
}
