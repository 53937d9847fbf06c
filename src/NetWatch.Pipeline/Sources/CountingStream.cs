namespace NetWatch.Pipeline.Sources;

/// <summary>A read-only pass-through stream that adds the bytes it reads to a <see cref="ByteCounter"/>.</summary>
internal sealed class CountingStream(Stream inner, ByteCounter counter) : ReadOnlyStream
{
    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        counter.Add(n);
        return n;
    }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        counter.Add(n);
        return n;
    }

    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
