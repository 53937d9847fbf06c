using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace NetWatch.Core.Events;

/// <summary>
/// The deterministic event id: XxHash128 of the format, the 1-based line number and the raw line.
/// The same line at the same position of a log gets the same id wherever the file is read from
/// (a copy, a rotated name), so importing it twice stores it once; identical lines at different
/// positions (two real requests) stay distinct.
/// </summary>
public static class EventIdentity
{
    public static EventId Compute(string format, long lineNumber, ReadOnlySpan<char> line)
    {
        var hasher = new XxHash128();
        hasher.Append(MemoryMarshal.AsBytes(format.AsSpan()));
        Span<byte> number = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(number, lineNumber);
        hasher.Append(number);
        hasher.Append(MemoryMarshal.AsBytes(line));
        return new EventId(hasher.GetCurrentHashAsUInt128());
    }
}
