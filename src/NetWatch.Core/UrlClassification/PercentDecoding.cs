using System.Text;

namespace NetWatch.Core.UrlClassification;

/// <summary>Decodes URL query text: '+' is a space, %xx are bytes of UTF-8 (Latin-1 when not valid UTF-8).</summary>
public static class PercentDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>As <see cref="Decode(ReadOnlySpan{char})"/>; text with nothing to decode is returned as it is, not copied.</summary>
    public static string Decode(string text) => text.AsSpan().IndexOfAny('%', '+') < 0 ? text : Decode(text.AsSpan());

    /// <summary>As <see cref="Decode(ReadOnlySpan{char})"/>; text with nothing to decode is returned as it is, not copied.</summary>
    public static ReadOnlySpan<char> DecodeSpan(ReadOnlySpan<char> text) => text.IndexOfAny('%', '+') < 0 ? text : Decode(text);

    public static string Decode(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny('%', '+') < 0) return text.ToString();
        var max = text.Length * 3;
        var rented = max > 2048 ? System.Buffers.ArrayPool<byte>.Shared.Rent(max) : null;
        var bytes = rented is null ? stackalloc byte[max] : rented;
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+') { bytes[n++] = (byte)' '; continue; }
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes[n++] = (byte)(Hex(text[i + 1]) << 4 | Hex(text[i + 2]));
                i += 2;
                continue;
            }
            if (c < 0x80) { bytes[n++] = (byte)c; continue; }
            var rune = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? new Rune(c, text[++i])
                : Rune.TryCreate(c, out var r) ? r : Rune.ReplacementChar;
            n += rune.EncodeToUtf8(bytes[n..]);
        }
        try
        {
            return StrictUtf8.GetString(bytes[..n]);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes[..n]);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
