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

    /// <summary>The pairing code a reply offers ("text JOIN 1234 5678 9012"), as the owner reads it out.</summary>
    public static string CodeIn(string reply) => Code().Match(reply).Groups[1].Value;

    /// <summary>A code of the right shape that is not <paramref name="code"/>.</summary>
    public static string WrongCode(string code, int offset = 1) =>
        HappyTogether.Lifecycle.Enrollments.PairingCodes.Display(((long.Parse(code.Replace(" ", "")) + offset) % 1_000_000_000_000).ToString("D12"));

    [GeneratedRegex(@"JOIN (\d{4} \d{4} \d{4})")]
    private static partial Regex Code();
}
