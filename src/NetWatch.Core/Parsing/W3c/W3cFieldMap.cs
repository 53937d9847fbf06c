namespace NetWatch.Core.Parsing.W3c;

/// <summary>
/// The columns a W3C <c>#Fields:</c> directive declares: the index of each field NetWatch reads (-1 when absent).
/// Field names are matched without regard to case. IIS names (<c>cs-uri-stem</c>, <c>cs(User-Agent)</c>) and
/// Forefront TMG / ISA names (<c>cs-uri</c>, <c>c-agent</c>, <c>s-operation</c>, <c>r-host</c>, <c>action</c>) are both known.
/// </summary>
internal sealed class W3cFieldMap
{
    public int Count { get; private init; }
    public int Date { get; private init; } = -1;
    public int Time { get; private init; } = -1;
    public int ClientIp { get; private init; } = -1;
    public int UserName { get; private init; } = -1;
    public int ServerIp { get; private init; } = -1;
    public int ServerPort { get; private init; } = -1;
    public int Method { get; private init; } = -1;
    public int UriStem { get; private init; } = -1;
    public int UriQuery { get; private init; } = -1;
    public int Uri { get; private init; } = -1;
    public int Status { get; private init; } = -1;
    public int BytesSent { get; private init; } = -1;
    public int TimeTaken { get; private init; } = -1;
    public int UserAgent { get; private init; } = -1;
    /// <summary>TMG's <c>c-agent</c>: written with real spaces (TMG separates fields with TABs), so no '+' decoding.</summary>
    public int Agent { get; private init; } = -1;
    public int Referrer { get; private init; } = -1;
    public int Host { get; private init; } = -1;
    public int Version { get; private init; } = -1;
    public int Protocol { get; private init; } = -1;
    public int MimeType { get; private init; } = -1;
    public int TmgAction { get; private init; } = -1;

    /// <summary>The map for the field names after <c>#Fields:</c> (separated by spaces or TABs).</summary>
    public static W3cFieldMap Parse(ReadOnlySpan<char> names)
    {
        var idx = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        foreach (var range in names.SplitAny(" \t"))
        {
            var name = names[range];
            if (name.IsEmpty) continue;
            idx.TryAdd(name.ToString(), count);
            count++;
        }
        int At(params string[] keys)
        {
            foreach (var k in keys)
                if (idx.TryGetValue(k, out var i)) return i;
            return -1;
        }
        return new W3cFieldMap
        {
            Count = count,
            Date = At("date"),
            Time = At("time"),
            ClientIp = At("c-ip"),
            UserName = At("cs-username"),
            ServerIp = At("s-ip", "r-ip"),
            ServerPort = At("s-port", "r-port"),
            Method = At("cs-method", "s-operation"),
            UriStem = At("cs-uri-stem"),
            UriQuery = At("cs-uri-query"),
            Uri = At("cs-uri"),
            Status = At("sc-status"),
            BytesSent = At("sc-bytes"),
            TimeTaken = At("time-taken"),
            UserAgent = At("cs(User-Agent)"),
            Agent = At("c-agent"),
            Referrer = At("cs(Referer)", "cs-referred"),
            Host = At("cs-host", "r-host"),
            Version = At("cs-version"),
            Protocol = At("cs-protocol"),
            MimeType = At("cs-mime-type"),
            TmgAction = At("action"),
        };
    }
}
