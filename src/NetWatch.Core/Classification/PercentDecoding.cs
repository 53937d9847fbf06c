using System.Text;

namespace NetWatch.Core.Classification;

/// <summary>Decodes URL query text: '+' is a space, %xx are bytes of UTF-8 (Latin-1 when not valid UTF-8).</summary>
public static class PercentDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny('%', '+') < 0) return text.ToString();
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+') { bytes.Add((byte)' '); continue; }
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add((byte)(Hex(text[i + 1]) << 4 | Hex(text[i + 2])));
                i += 2;
                continue;
            }
            if (c < 0x80) { bytes.Add((byte)c); continue; }
            var rune = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? new Rune(c, text[++i])
                : Rune.TryCreate(c, out var r) ? r : Rune.ReplacementChar;
            var n = rune.EncodeToUtf8(utf8);
            for (var k = 0; k < n; k++) bytes.Add(utf8[k]);
        }
        var array = bytes.ToArray();
        try { return StrictUtf8.GetString(array); }
        catch (DecoderFallbackException) { return Encoding.Latin1.GetString(array); }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
