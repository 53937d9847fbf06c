namespace NetWatch.Pipeline.Sources.Tailing;

/// <summary>How a file is followed.</summary>
public sealed record TailOptions
{
    /// <summary>Bytes read at most per block.</summary>
    public int BlockBytes { get; init; } = 1 << 19;

    /// <summary>
    /// A block size whose arrays stay off the large object heap (85,000 bytes and more): the bytes read, and their
    /// characters at two bytes each, with a partial line carried over. For a reader that must not stall: with
    /// background GC, a thread allocating on the large object heap while a background collection runs may be made
    /// to wait for its end.
    /// </summary>
    public const int SmallObjectBlockBytes = 32 << 10;

    /// <summary>
    /// How long to wait at the end of the file before looking again when no change notification comes first (the
    /// fallback: a change notification ends the wait at once where the filesystem gives them).
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Each block's buffers (its characters, the lines' starts and lengths) are the tailer's own and reused by the next
    /// read: for a reader done with a block before it asks for the next, which keeps nothing of its lines (the alerts'
    /// read-ahead, whose events copy what they keep). Without it every block is new: about two bytes allocated per byte
    /// of the file (two per character; the bytes read are reused either way).
    /// </summary>
    public bool ReuseBlocks { get; init; }

    /// <summary>
    /// Without <see cref="ReuseBlocks"/>: a block of at least this many characters is decoded into a buffer of the
    /// tailer's <see cref="FileTailer.Buffers"/>, given back when its last reader releases the block
    /// (<see cref="LineBlock.Release"/>); a smaller one gets a buffer of its own, as before. By default the blocks whose
    /// characters would be large objects (85,000 bytes and more): made fresh, a tailer at 50,000 lines/s allocated ~300 B
    /// a line of them, a third of the live service's allocation (bench/results/lean-2026-12-06-session37.txt). Smaller
    /// blocks are cheap young garbage, and a pooled buffer (a whole block's size) held by a small block would only waste memory.
    /// </summary>
    public int PooledBlockChars { get; init; } = LargeObjectBytes / sizeof(char);

    /// <summary>At most this many free buffers of <see cref="FileTailer.Buffers"/> are kept (the ones in flight are the pipeline's).</summary>
    public int PooledBuffersKept { get; init; } = BlockBuffers.DefaultKeep;

    /// <summary>The size from which the runtime puts an array on the large object heap.</summary>
    public const int LargeObjectBytes = 85_000;

    /// <summary>Stop at the end of the file (replay) instead of following it; a last unterminated line is then taken whole.</summary>
    public bool StopAtEnd { get; init; }
}
