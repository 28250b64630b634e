namespace HappyTogether.Scheduling;

/// <summary>The local hours in which scheduled texts may reach someone.</summary>
public static class WakingWindow
{
    public static readonly TimeOnly Start = new(7, 0);
    public static readonly TimeOnly End = new(21, 30);

    public static bool Contains(TimeOnly localTime) => localTime >= Start && localTime <= End;
}
