using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NetWatch.Core.Identity;

/// <summary>
/// An IP address as a 128-bit number: IPv6 as is, IPv4 as the IPv4-mapped IPv6 address (::ffff:a.b.c.d),
/// so both share one dictionary key type without string hashing. IPv4 text is parsed by hand because
/// attribution parses the source IP of every event.
/// </summary>
public static class IpKey
{
    private static readonly UInt128 V4Prefix = (UInt128)0xFFFF << 32;

    public static UInt128 FromIPv4(uint address) => V4Prefix | address;

    public static bool IsIPv4(UInt128 key) => (key >> 32) == 0xFFFF;

    public static bool TryParse(ReadOnlySpan<char> text, out UInt128 key)
    {
        if (TryParseIPv4(text, out var v4))
        {
            key = FromIPv4(v4);
            return true;
        }
        if (text.IndexOf(':') >= 0 && IPAddress.TryParse(StripBrackets(text), out var address)
            && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            key = BinaryPrimitives.ReadUInt128BigEndian(bytes);
            return true;
        }
        key = default;
        return false;
    }

    public static string Format(UInt128 key)
    {
        if (IsIPv4(key))
        {
            var v = (uint)key;
            return $"{v >> 24}.{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}.{v & 0xFF}";
        }
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, key);
        return new IPAddress(bytes).ToString();
    }

    private static ReadOnlySpan<char> StripBrackets(ReadOnlySpan<char> text) =>
        text.Length > 2 && text[0] == '[' && text[^1] == ']' ? text[1..^1] : text;

    /// <summary>Dotted-quad IPv4 text as its 32-bit value (big-endian order: 10.0.0.1 is 0x0A000001).</summary>
    public static bool TryParseIPv4(ReadOnlySpan<char> text, out uint address) =>
        IPv4Vector.IsSupported ? IPv4Vector.TryParse(text, out address) : TryParseIPv4Scalar(text, out address);

    /// <summary><see cref="TryParseIPv4"/> a character at a time, where the vector parse has no instructions.</summary>
    internal static bool TryParseIPv4Scalar(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        int octets = 0, value = 0, digits = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) return false;
            }
            else if (c == '.' && digits > 0 && octets < 3)
            {
                address = (address << 8) | (uint)value;
                octets++;
                value = digits = 0;
            }
            else return false;
        }
        if (digits == 0 || octets != 3) return false;
        address = (address << 8) | (uint)value;
        return true;
    }
}
