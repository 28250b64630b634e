namespace HappyTogether;

/// <summary>A partner's scheduled texts: a gesture idea each morning, a question each evening, a weekly recap.</summary>
public enum Slot
{
    Morning,
    Evening,
    Recap,
}
