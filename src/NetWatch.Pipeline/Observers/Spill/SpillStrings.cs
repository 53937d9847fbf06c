using System.Text;

namespace NetWatch.Pipeline.Observers.Spill;

/// <summary>
/// The few strings that recur across evicted visits (roles, verdicts, policy names, categories), one instance each, looked
/// up by their UTF-8 bytes without making a string: a record read back from spill (<see cref="VisitSpillRecord"/>) made a
/// string for every field, most of the ~1 KB a visit reloaded allocated. Bounded: past <see cref="MaxStrings"/> a new value
/// is made as a string of its own and not kept (a log whose roles are all distinct costs what it did).
/// </summary>
public sealed class SpillStrings
{
    public const int MaxStrings = 4096;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public SpillStrings() => _byChars = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string of these UTF-8 bytes, the instance kept when there is one.</summary>
    public string Of(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0) return "";
        if (utf8.Length > 256) return Encoding.UTF8.GetString(utf8);
        Span<char> chars = stackalloc char[256];
        var n = Encoding.UTF8.GetChars(utf8, chars);
        if (_byChars.TryGetValue(chars[..n], out var kept)) return kept;
        var made = new string(chars[..n]);
        if (_strings.Count < MaxStrings) _strings.Add(made);
        return made;
    }
}
