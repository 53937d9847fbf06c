namespace NetWatch.Core.Identity;

/// <summary>
/// A 48-bit hardware address as a number. Accepts the spellings the feeds use: 00:11:22:aa:bb:cc,
/// 00-11-22-AA-BB-CC (RADIUS, Windows), 0011.22aa.bbcc (Cisco) and 001122AABBCC (Windows DHCP audit log).
/// </summary>
public static class MacKey
{
    public static bool TryParse(ReadOnlySpan<char> text, out ulong mac)
    {
        mac = 0;
        var nibbles = 0;
        foreach (var c in text.Trim())
        {
            int v = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                ':' or '-' or '.' => -1,
                _ => -2,
            };
            if (v == -2) return false;
            if (v == -1) continue;
            if (++nibbles > 12) return false;
            mac = (mac << 4) | (uint)v;
        }
        return nibbles == 12;
    }

    public static string Format(ulong mac) =>
        string.Join(':', Enumerable.Range(0, 6).Select(i => ((mac >> (40 - 8 * i)) & 0xFF).ToString("x2")));
}
