using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetWatch.Core.Identity;

/// <summary>
/// Dotted-quad IPv4 text parsed in a few vector instructions (after W. Muła and D. Lemire's SIMD address parsing).
/// Attribution parses the source address of every event, and a parser that branches on each character mispredicts
/// on nearly every octet, because octet lengths vary from one address to the next. Here the positions of the three
/// dots and of the end select, from a table of the 81 possible layouts, a shuffle that lines up each octet's digits
/// as hundreds, tens and units; two multiply-adds then give the four octets at once.
/// </summary>
internal static class IPv4Vector
{
    public static bool IsSupported => Ssse3.IsSupported;

    // Layout number (0: no valid layout) by a mask with a bit at each dot's position and at the text's length.
    private static readonly byte[] LayoutOf = new byte[1 << 16];
    // Per layout: for each octet k, which characters go to bytes 4k (hundreds), 4k+1 (tens), 4k+2 (units); 0x80 gives 0.
    private static readonly Vector128<byte>[] Shuffles = new Vector128<byte>[82];
    // By length - 8: puts character p at byte p, taking characters 8 and on from the second load; 0 past the end.
    private static readonly Vector128<byte>[] Positions = new Vector128<byte>[8];

    static IPv4Vector()
    {
        for (var length = 8; length <= 15; length++)
        {
            var positions = new byte[16];
            for (var p = 0; p < 16; p++) positions[p] = (byte)(p < 8 ? p : p < length ? p - length + 16 : 0x80);
            Positions[length - 8] = Vector128.Create(positions);
        }
        byte layout = 0;
        Span<byte> shuffle = stackalloc byte[16];
        for (var l0 = 1; l0 <= 3; l0++)
        for (var l1 = 1; l1 <= 3; l1++)
        for (var l2 = 1; l2 <= 3; l2++)
        for (var l3 = 1; l3 <= 3; l3++)
        {
            layout++;
            shuffle.Fill(0x80);
            var marks = 0;
            var position = 0;
            ReadOnlySpan<int> lengths = [l0, l1, l2, l3];
            for (var k = 0; k < 4; k++)
            {
                for (var j = 0; j < lengths[k]; j++) shuffle[4 * k + 3 - lengths[k] + j] = (byte)(position + j);
                position += lengths[k];
                marks |= 1 << position; // the dot after the octet, or the end after the last
                position++;
            }
            LayoutOf[marks] = layout;
            Shuffles[layout] = Vector128.Create((ReadOnlySpan<byte>)shuffle);
        }
    }

    public static bool TryParse(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        if (!IsSupported) return IpKey.TryParseIPv4Scalar(text, out address);
        var length = text.Length;
        // Two loads of 8 characters, the first from the start and the second ending at the end, stay inside the text;
        // "1.2.3.4" and its kind, seven characters long, are left to the scalar parse.
        if ((uint)(length - 8) > 15 - 8) return length == 7 && IpKey.TryParseIPv4Scalar(text, out address);
        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        var head = Vector128.LoadUnsafe(ref start);
        var tail = Vector128.LoadUnsafe(ref start, (nuint)(length - 8));
        if (((head | tail) & Vector128.Create((ushort)0xFF00)) != Vector128<ushort>.Zero) return false;
        var characters = Ssse3.Shuffle(Vector128.Narrow(head, tail), Positions[length - 8]);
        var inText = (1u << length) - 1;
        var dots = Vector128.Equals(characters, Vector128.Create((byte)'.')).ExtractMostSignificantBits() & inText;
        var digits = characters - Vector128.Create((byte)'0');
        var notDigits = Vector128.GreaterThan(digits, Vector128.Create((byte)9)).ExtractMostSignificantBits() & inText & ~dots;
        var layout = LayoutOf[dots | (1u << length)];
        if (layout == 0 || notDigits != 0) return false;
        var lined = Ssse3.Shuffle(digits, Shuffles[layout]);
        var pairs = Ssse3.MultiplyAddAdjacent(lined, Vector128.Create(100, 10, 1, 0, 100, 10, 1, 0, 100, 10, 1, 0, 100, 10, 1, (sbyte)0));
        var octets = Sse2.MultiplyAddAdjacent(pairs, Vector128.Create((short)1));
        if (Vector128.GreaterThanAny(octets, Vector128.Create(255))) return false;
        // The four octets, most significant first, as the bytes of a little-endian 32-bit value.
        address = Ssse3.Shuffle(octets.AsByte(), Vector128.Create(12, 8, 4, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, (byte)0x80))
            .AsUInt32().ToScalar();
        return true;
    }
}
