using System.Collections.Concurrent;

namespace NetWatch.Pipeline.Sources;

/// <summary>
/// The character buffers of one <see cref="LineBlockReader"/>'s blocks, taken again once a block has been parsed
/// (<see cref="LineBlock.Release"/>). An import reads a 1M-line log into ~300 buffers of 1 MB: made fresh, each was
/// zeroed and faulted in page by page on the large object heap, ~310 MB of the enriched import's ~1,340 MB allocated
/// (bench/results/carve-2026-12-06-session36.txt). Bounded: at most <see cref="Keep"/> free buffers are held (the ones in
/// flight are the pipeline's, as before); a buffer given back when that many are free is left to the collector.
/// Thread-safe: blocks are parsed on the thread pool, the reader takes buffers on its own thread.
/// </summary>
public sealed class BlockBuffers(int length, int keep = BlockBuffers.DefaultKeep)
{
    public const int DefaultKeep = 8;

    private readonly ConcurrentQueue<char[]> _free = new();
    private int _freeCount;

    /// <summary>The length of every buffer this hands out and takes back.</summary>
    public int Length { get; } = length;

    /// <summary>At most this many free buffers are held.</summary>
    public int Keep { get; } = keep;

    /// <summary>A buffer of <see cref="Length"/> characters, a free one when there is one; its contents are not cleared.</summary>
    public char[] Take()
    {
        if (_free.TryDequeue(out var buffer))
        {
            Interlocked.Decrement(ref _freeCount);
            return buffer;
        }
        return new char[Length];
    }

    /// <summary>A buffer no block reads any more; one of another length is not kept.</summary>
    public void GiveBack(char[] buffer)
    {
        if (buffer.Length != Length) return;
        if (Interlocked.Increment(ref _freeCount) > Keep)
        {
            Interlocked.Decrement(ref _freeCount);
            return;
        }
        _free.Enqueue(buffer);
    }
}
