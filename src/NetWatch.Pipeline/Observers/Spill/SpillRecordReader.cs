using System.Buffers.Binary;
using System.Text;

namespace NetWatch.Pipeline.Observers.Spill;

/// <summary>Reads a spill record's fields in the order <see cref="VisitSpillRecord.Write"/> wrote them with a BinaryWriter
/// (little-endian numbers, a bool as a byte, a string as its UTF-8 length, 7 bits a byte, then its bytes), from the record's
/// bytes: no stream, and a string made only when asked for.</summary>
internal ref struct SpillRecordReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    public readonly bool AtEnd => _at == _bytes.Length;

    public bool Bool() => _bytes[_at++] != 0;

    public int Int32()
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(_bytes[_at..]);
        _at += sizeof(int);
        return value;
    }

    public long Int64()
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(_bytes[_at..]);
        _at += sizeof(long);
        return value;
    }

    public ulong UInt64() => (ulong)Int64();

    /// <summary>A string's UTF-8 bytes (BinaryWriter.Write(string)'s format).</summary>
    public ReadOnlySpan<byte> Utf8()
    {
        var (length, shift) = (0, 0);
        byte b;
        do
        {
            b = _bytes[_at++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        var utf8 = _bytes.Slice(_at, length);
        _at += length;
        return utf8;
    }

    /// <summary>A string, the pool's instance (<paramref name="strings"/>), or one of its own without a pool.</summary>
    public string String(SpillStrings? strings) => strings is null ? Encoding.UTF8.GetString(Utf8()) : strings.Of(Utf8());

    public string? NullableString(SpillStrings? strings) => Bool() ? String(strings) : null;

    /// <summary>Whether the next string is <paramref name="expected"/> (as BinaryReader.ReadString would decode it), read past.</summary>
    public bool StringIs(string expected)
    {
        var utf8 = Utf8();
        if (utf8.Length < expected.Length || utf8.Length > 3 * expected.Length) return false;
        Span<char> chars = utf8.Length <= 512 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var n = Encoding.UTF8.GetChars(utf8, chars);
        return chars[..n].SequenceEqual(expected);
    }
}
