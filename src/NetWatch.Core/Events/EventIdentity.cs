using System.Buffers;
using System.Buffers.Binary;
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
    private const int StackLimit = 1024;

    public static EventId Compute(string format, long lineNumber, ReadOnlySpan<char> line)
    {
        var formatBytes = MemoryMarshal.AsBytes(format.AsSpan());
        var lineBytes = MemoryMarshal.AsBytes(line);
        var length = formatBytes.Length + sizeof(long) + lineBytes.Length;
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        formatBytes.CopyTo(buffer);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[formatBytes.Length..], lineNumber);
        lineBytes.CopyTo(buffer[(formatBytes.Length + sizeof(long))..]);
        var hash = XxHash128.HashToUInt128(buffer[..length]);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return new EventId(hash);
    }
}
