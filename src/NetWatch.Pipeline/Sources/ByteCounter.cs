namespace NetWatch.Pipeline.Sources;

/// <summary>Bytes read so far from a source's file (compressed bytes for .gz), for progress display.</summary>
public sealed class ByteCounter
{
    private long _bytes;
    public long Bytes => Interlocked.Read(ref _bytes);
    public void Add(long n) => Interlocked.Add(ref _bytes, n);
}
