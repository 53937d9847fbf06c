using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace NetWatch.Pipeline.Observers.Spill;

/// <summary>
/// One generation's evicted visits on disk (<see cref="EvictedVisits"/>): records appended (each its length and its bytes),
/// read back by offset, off the managed heap. Appends gather in a buffer written when full (a record still in it is read
/// from it), so an eviction of tens of thousands of visits is a few large writes, and a read is one or two reads of a few
/// hundred bytes, from the page cache while the file is young. The file is gone when this is disposed (delete on close).
/// </summary>
public sealed class VisitSpillFile : IDisposable
{
    private const int BufferBytes = 1 << 16;
    private readonly SafeFileHandle _file;
    private readonly byte[] _pending = new byte[BufferBytes];
    private int _pendingLength;
    /// <summary>Bytes written to the file (the buffer's come after them).</summary>
    private long _written;

    public VisitSpillFile(string path)
    {
        Path = path;
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    public string Path { get; }

    /// <summary>Bytes appended so far (on disk or in the buffer).</summary>
    public long Length => _written + _pendingLength;

    /// <summary>Appends a record; returns its offset (for <see cref="Read"/>).</summary>
    public long Append(ReadOnlySpan<byte> record)
    {
        var offset = Length;
        var size = sizeof(int) + record.Length;
        if (_pendingLength + size > BufferBytes) WritePending();
        if (size > BufferBytes)
        {
            // Larger than the buffer (a visit with thousands of requests kept): written as it is.
            Span<byte> header = stackalloc byte[sizeof(int)];
            BinaryPrimitives.WriteInt32LittleEndian(header, record.Length);
            RandomAccess.Write(_file, header, _written);
            RandomAccess.Write(_file, record, _written + sizeof(int));
            _written += size;
            return offset;
        }
        BinaryPrimitives.WriteInt32LittleEndian(_pending.AsSpan(_pendingLength), record.Length);
        record.CopyTo(_pending.AsSpan(_pendingLength + sizeof(int)));
        _pendingLength += size;
        return offset;
    }

    /// <summary>The record appended at <paramref name="offset"/>, into <paramref name="into"/> (its length the record's, its
    /// position 0): a stream kept from read to read, so that a read allocates nothing once it holds the largest record.</summary>
    public void Read(long offset, MemoryStream into)
    {
        if (offset >= _written)
        {
            var at = (int)(offset - _written);
            var length = BinaryPrimitives.ReadInt32LittleEndian(_pending.AsSpan(at));
            into.SetLength(length);
            _pending.AsSpan(at + sizeof(int), length).CopyTo(into.GetBuffer());
        }
        else
        {
            Span<byte> header = stackalloc byte[sizeof(int)];
            ReadExactly(header, offset);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            into.SetLength(length);
            ReadExactly(into.GetBuffer().AsSpan(0, length), offset + sizeof(int));
        }
        into.Position = 0;
    }

    private void ReadExactly(Span<byte> into, long offset)
    {
        while (into.Length > 0)
        {
            var n = RandomAccess.Read(_file, into, offset);
            if (n <= 0) throw new EndOfStreamException($"the visits' spill file {Path} ends before offset {offset}");
            into = into[n..];
            offset += n;
        }
    }

    private void WritePending()
    {
        if (_pendingLength == 0) return;
        RandomAccess.Write(_file, _pending.AsSpan(0, _pendingLength), _written);
        _written += _pendingLength;
        _pendingLength = 0;
    }

    public void Dispose() => _file.Dispose();
}
