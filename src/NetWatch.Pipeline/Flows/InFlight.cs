namespace NetWatch.Pipeline.Flows;

/// <summary>
/// Events (and dead letters) between the parser and the store, counted as they pass (for
/// <see cref="Core.Diagnostics.MemorySamples"/>: what of the managed heap is batches in flight, issue 18). Parsed: counted
/// once a block is parsed; taken: once a write session takes them; stored: once that write is done. Queued = parsed −
/// taken (in the stream's buffers and the batch being joined), writing = taken − stored. Counting is a few interlocked
/// adds per batch of thousands of events.
/// </summary>
public static class InFlight
{
    private static long _parsed, _taken, _stored;

    public static void Parsed(long n) => Interlocked.Add(ref _parsed, n);
    public static void Taken(long n) => Interlocked.Add(ref _taken, n);
    public static void Stored(long n) => Interlocked.Add(ref _stored, n);

    /// <summary>Events parsed and not yet taken by a write; events in the write under way.</summary>
    public static (long Queued, long Writing) Now()
    {
        long stored = Interlocked.Read(ref _stored), taken = Interlocked.Read(ref _taken), parsed = Interlocked.Read(ref _parsed);
        return (parsed - taken, taken - stored);
    }
}
