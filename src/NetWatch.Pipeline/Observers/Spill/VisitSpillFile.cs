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
            // One read for the header and, mostly, the whole record (a few hundred bytes): two reads a record were two system
            // calls for each visit reloaded. What is read past the record is not used.
            into.SetLength(Math.Max(into.Length, GuessBytes));
            var buffer = into.GetBuffer();
            var read = ReadAtLeast(buffer.AsSpan(0, GuessBytes), sizeof(int), offset);
            var length = BinaryPrimitives.ReadInt32LittleEndian(buffer);
            if (length + sizeof(int) > read)
            {
                into.SetLength(Math.Max(into.Length, length + sizeof(int)));
                buffer = into.GetBuffer();
                ReadAtLeast(buffer.AsSpan(read, length + sizeof(int) - read), length + sizeof(int) - read, offset + read);
            }
            buffer.AsSpan(sizeof(int), length).CopyTo(buffer);
            into.SetLength(length);
        }
        into.Position = 0;
    }

    /// <summary>What a read of a record asks for at once: most records are smaller.</summary>
    private const int GuessBytes = 1024;

    /// <summary>Reads into <paramref name="into"/> from <paramref name="offset"/> until at least <paramref name="atLeast"/> bytes
    /// are read (more when a read gives them, up to its length); returns how many. Throws when the file ends before.</summary>
    private int ReadAtLeast(Span<byte> into, int atLeast, long offset)
    {
        var total = 0;
        while (total < atLeast)
        {
            var n = RandomAccess.Read(_file, into[total..], offset + total);
            if (n <= 0) throw new EndOfStreamException($"the visits' spill file {Path} ends before offset {offset + total}");
            total += n;
        }
        return total;
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
