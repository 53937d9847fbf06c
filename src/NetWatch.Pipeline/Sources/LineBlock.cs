namespace NetWatch.Pipeline.Sources;

/// <summary>
/// A run of consecutive whole lines of one source, held in one buffer so that parsers can work on
/// spans without a string per line. Line i is Buffer[Starts[i] .. Starts[i] + Lengths[i]], without its
/// line terminator; its 1-based line number is FirstLineNumber + i.
/// </summary>
public sealed class LineBlock(string source, long firstLineNumber, char[] buffer, int[] starts, int[] lengths, int count)
{
    public string Source { get; } = source;
    public long FirstLineNumber { get; } = firstLineNumber;
    public int Count { get; } = count;

    public ReadOnlySpan<char> Line(int i) => buffer.AsSpan(starts[i], lengths[i]);

    /// <summary>The characters the block's buffer holds (its lines, and what a reader left unused at its end).</summary>
    public int BufferLength => buffer.Length;
}
