namespace NetWatch.Pipeline.Sources;

/// <summary>
/// A run of consecutive whole lines of one source, held in one buffer so that parsers can work on
/// spans without a string per line. Line i is Buffer[Starts[i] .. Starts[i] + Lengths[i]], without its
/// line terminator; its 1-based line number is FirstLineNumber + i.
/// A block whose buffer came from <see cref="BlockBuffers"/> gives it back at <see cref="Release"/>.
/// </summary>
public sealed class LineBlock(string source, long firstLineNumber, char[] buffer, int[] starts, int[] lengths, int count,
    BlockBuffers? buffers = null)
{
    private char[]? _buffer = buffer;

    public string Source { get; } = source;
    public long FirstLineNumber { get; } = firstLineNumber;
    public int Count { get; } = count;

    public ReadOnlySpan<char> Line(int i) =>
        (_buffer ?? throw new InvalidOperationException($"the block of lines from {FirstLineNumber} of {Source} was released")).AsSpan(starts[i], lengths[i]);

    /// <summary>The characters the block's buffer holds (its lines, and what a reader left unused at its end); 0 once released.</summary>
    public int BufferLength => _buffer?.Length ?? 0;

    /// <summary>
    /// Says that nothing reads the block's lines any more (its owner, the parse stage, has parsed them and nothing
    /// else holds the block; with the alerts' read-ahead, its screened lines are read at enrichment, which releases it
    /// then): a buffer from <see cref="BlockBuffers"/> goes back to be read into again. Reading a line afterwards throws.
    /// Idempotent; a block without <see cref="BlockBuffers"/> (a tailer's small block, a syslog batch's) is left as it is.
    /// </summary>
    public void Release()
    {
        if (buffers is null) return;
        if (Interlocked.Exchange(ref _buffer, null) is { } held) buffers.GiveBack(held);
    }
}
