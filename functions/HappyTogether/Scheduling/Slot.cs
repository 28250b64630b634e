namespace HappyTogether;

/// <summary>The two daily texts: a gesture idea in the morning, a question in the evening.</summary>
public enum Slot
{
    Morning,
    Evening,
}
