namespace HappyTogether.LocalHost.Hosting;

/// <summary>The local host's settings would expose it or a real account: nothing was started; each problem says what to
/// change.</summary>
public sealed class RefusedToStartException(IReadOnlyList<string> problems)
    : Exception("The local host refused to start:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
