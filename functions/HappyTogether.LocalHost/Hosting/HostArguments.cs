using System.Globalization;

namespace HappyTogether.LocalHost.Hosting;

/// <summary>The local host's command line: its own switches and options, and the rest for configuration.</summary>
public sealed record HostArguments(bool DevClock, bool Demo, bool SimulatorFlag, int Port, DateTimeOffset? Start, string[] Configuration)
{
    private static readonly string[] Switches = ["--dev-clock", "--demo", "--simulator"];

    /// <summary>The /dev routes are served: the dev clock is driven from the simulator page, so it brings
    /// them.</summary>
    public bool Simulator => DevClock || SimulatorFlag;

    public static HostArguments Parse(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new HostArguments(
            args.Contains("--dev-clock"),
            args.Contains("--demo"),
            args.Contains("--simulator"),
            Option("--port") is { } port ? int.Parse(port, CultureInfo.InvariantCulture) : 7071,
            Option("--start") is { } start ? DateTimeOffset.Parse(start, CultureInfo.InvariantCulture) : null,
            // A switch has no value, which the configuration's command-line reader would take from the next argument.
            [.. args.Where(a => !Switches.Contains(a))]);
    }
}
