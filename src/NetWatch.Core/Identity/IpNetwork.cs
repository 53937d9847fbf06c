namespace NetWatch.Core.Identity;

/// <summary>An address prefix such as 10.20.0.0/16 or fd00::/8 (IPv4 prefixes are kept in the IPv4-mapped form).</summary>
public readonly record struct IpNetwork(UInt128 Prefix, int Length)
{
    public bool Contains(UInt128 ip) => Length == 0 || (ip ^ Prefix) >> (128 - Length) == 0;

    public static bool TryParse(string text, out IpNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/');
        if (slash < 0 || !IpKey.TryParse(text.AsSpan(0, slash).Trim(), out var ip) || !int.TryParse(text.AsSpan(slash + 1), out var length))
            return false;
        var v4 = IpKey.IsIPv4(ip);
        if (length < 0 || length > (v4 ? 32 : 128)) return false;
        var bits = v4 ? length + 96 : length;
        network = new IpNetwork(bits == 0 ? 0 : ip >> (128 - bits) << (128 - bits), bits);
        return true;
    }

    public override string ToString() =>
        IpKey.IsIPv4(Prefix) && Length >= 96 ? $"{IpKey.Format(Prefix)}/{Length - 96}" : $"{IpKey.Format(Prefix)}/{Length}";
}
