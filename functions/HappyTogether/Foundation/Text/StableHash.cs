using System.Text;

namespace HappyTogether.Foundation.Text;

/// <summary>FNV-1a over UTF-8: a hash that never changes with the runtime, for anything stored or replayed.</summary>
public static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
