using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.Squid;

/// <summary>Builds the event for a Squid-layout line (native, combined, custom, e2guardian fmt 3).</summary>
internal static class SquidEventFactory
{
    public const string Dataset = "squid.access";
    public const string Product = "squid";

    /// <summary>The fields every Squid-layout line carries; the optional ones are null when the format lacks them.</summary>
    public ref struct Fields
    {
        public Instant Timestamp;
        public long? ElapsedMs;
        public ReadOnlySpan<char> Ip;
        public ReadOnlySpan<char> User;
        public ReadOnlySpan<char> Method;
        public ReadOnlySpan<char> Url;
        public ReadOnlySpan<char> ResultCode;
        public ReadOnlySpan<char> Hierarchy;
        public ReadOnlySpan<char> Peer;
        public int? Status;
        public long? Bytes;
        public ReadOnlySpan<char> Mime;
        public ReadOnlySpan<char> HttpVersion;
        public string? UserAgent;
        public string? Referrer;
        /// <summary>e2guardian logs the client IP as the user name for IP-identified clients: keep it in
        /// source.user.name as logged, but it names nobody, so user.name stays empty.</summary>
        public bool UserEqualToIpIsNoName;
    }

    public static Fields FromNative(in SquidNativeLine n) => new()
    {
        Timestamp = n.Timestamp,
        ElapsedMs = n.ElapsedMs,
        Ip = n.Ip,
        User = n.User,
        Method = n.Method,
        Url = n.Url,
        ResultCode = n.ResultCode,
        Hierarchy = n.Hierarchy,
        Peer = n.Peer,
        Status = n.Status,
        Bytes = n.Bytes,
        Mime = n.Mime,
    };

    /// <summary>
    /// <see cref="ILogLineUrlReader.TryReadUrl"/> for the layouts that start with Squid's native 7 fields (native,
    /// custom, e2guardian 3): the fields <see cref="Create"/> makes url.* of (<see cref="LineUrl"/>), or false when
    /// the line has no 7 fields or is longer than any parser takes.
    /// </summary>
    public static bool TryReadUrl(ReadOnlySpan<char> line, out ReadOnlySpan<char> method, out ReadOnlySpan<char> url)
    {
        method = url = default;
        return line.Length <= ParserLimits.MaxLineLength && SquidNativeLine.TryReadUrl(line, out method, out url);
    }

    /// <summary>
    /// The event, or the no-request failure for a line whose method is "-": Squid logs a connection that closed
    /// before sending a request line as <c>NONE_NONE/000 0 - error:transaction-end-before-headers</c>.
    /// </summary>
    public static ParseResult Create(string format, string dataset, string product, ReadOnlySpan<char> line,
        in EventOrigin origin, in Fields f)
    {
        if (f.Method is "-")
            return ParseResult.Fail(ParseReasons.NoRequest, $"no request line ({f.ResultCode}/{f.Status?.ToString() ?? "000"} {f.Url})");

        var method = KnownStrings.Get(f.Method);
        var user = RepeatedStrings.UserNames.OrNull(f.User);
        var userName = f.UserEqualToIpIsNoName && f.User.SequenceEqual(f.Ip) ? null : user;
        var end = f.Timestamp;
        Duration? duration = f.ElapsedMs is { } ms ? Duration.FromMilliseconds(ms) : null;
        return ParseResult.Ok(new NetEvent
        {
            Id = EventIdentity.Compute(format, origin.LineNumber, line),
            Origin = origin,
            Timestamp = end,
            End = end,
            Duration = duration, // before Start, which NetEvent then derives (see its KeepStartEnd)
            Start = duration is { } d ? end - d : null,
            Action = EventActionRules.Decide(default, f.ResultCode, f.Status, f.Method, f.Url),
            Dataset = dataset,
            ObserverProduct = product,
            SourceIp = RepeatedStrings.ClientAddresses.Get(f.Ip),
            SourceUserName = user,
            UserName = userName,
            Url = LineUrl.Parts(method, f.Url),
            Method = method,
            StatusCode = f.Status,
            ResponseBytes = f.Bytes,
            Referrer = f.Referrer,
            HttpVersion = f.HttpVersion.IsEmpty ? null : KnownStrings.Get(f.HttpVersion),
            MimeType = KnownStrings.OrNull(f.Mime, RepeatedStrings.MimeTypes),
            UserAgent = f.UserAgent,
            Squid = SharedSquidFields.Default.Get(KnownStrings.OrNull(f.ResultCode), KnownStrings.OrNull(f.Hierarchy),
                RepeatedStrings.PeerAddresses.OrNull(f.Peer)),
        });
    }
}
