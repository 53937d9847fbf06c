using FsCheck;
using FsCheck.Fluent;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>
/// Events a given log format can represent: the values the software can write in that format, including
/// the awkward ones (spaces in Squid user names, quotes and backslashes in quoted headers, "-" fields, 000 status).
/// </summary>
public static class ValidEventGenerators
{
    private const string UrlChars = "abcdefghijklmnopqrstuvwxyz0123456789-._~%!$&'()*+,;=:@/?é";
    private const string PrintableAscii = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    private static Gen<string> StringOf(string chars, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(chars.ToCharArray()), n)).Select(a => new string(a));

    private static readonly Gen<string> Word = StringOf("abcdefghijklmnopqrstuvwxyz", 1, 8);

    private static Gen<string> Words(int max, Func<string, string>? each = null) =>
        Gen.Choose(1, max).SelectMany(n => Gen.ArrayOf(Word.Select(each ?? (w => w)), n)).Select(ws => string.Join(' ', ws));

    private static readonly Gen<string> Ipv4 =
        Gen.ArrayOf(Gen.Choose(0, 255), 4).Select(b => string.Join('.', b));

    private static readonly Gen<string> Ip = Gen.Frequency(
        (4, Ipv4),
        (1, Gen.ArrayOf(Gen.Choose(1, 0xffff), 3).Select(g => $"2001:db8::{g[0]:x}:{g[1]:x}:{g[2]:x}")),
        (1, Gen.Constant("::1")));

    private static readonly Gen<string> Host = Gen.Choose(1, 4)
        .SelectMany(n => Gen.ArrayOf(StringOf("abcdefghijklmnopqrstuvwxyz0123456789-", 1, 12), n))
        .Select(labels => string.Join('.', labels) + ".example");

    private static readonly Gen<string> HttpUrl =
        from scheme in Gen.Elements("http", "https", "ftp")
        from host in Host
        from port in Maybe(Gen.Choose(1, 65535))
        from path in StringOf(UrlChars, 0, 60)
        select $"{scheme}://{host}{(port is null ? "" : $":{port}")}/{path}";

    private static readonly Gen<string> TokenUser = StringOf("abcdefghijklmnopqrstuvwxyz0123456789._@\\", 1, 16);

    private static readonly Gen<string?> SquidUser = Gen.Frequency(
        (2, Gen.Constant<string?>(null)),
        (6, TokenUser.Select(u => (string?)u)),
        (1, Gen.Zip(TokenUser, TokenUser).Select(t => (string?)$"{t.Item1} {t.Item2}")));

    private static readonly Gen<int?> Status = Gen.Frequency(
        (1, Gen.Constant<int?>(null)), (9, Gen.Choose(100, 599).Select(s => (int?)s)));

    private static readonly Gen<long> ElapsedMs = Gen.Frequency((3, Gen.Choose(0, 999)), (1, Gen.Choose(0, 10_000_000))).Select(v => (long)v);

    /// <summary>2001 to 2033, milliseconds.</summary>
    private static readonly Gen<Instant> Time = Gen.Zip(Gen.Choose(978_307_200, 2_000_000_000), Gen.Choose(0, 999))
        .Select(t => Instant.FromUnixTimeSeconds(t.Item1).PlusNanoseconds(t.Item2 * 1_000_000L));

    private static readonly Gen<string?> Mime = NullOr(Gen.Elements("text/html", "image/png", "application/x-custom+json", "video/mp4"));

    /// <summary>Null a quarter of the time (Gen.OrNull is for reference types only).</summary>
    private static Gen<T?> Maybe<T>(Gen<T> gen) where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(v => (T?)v)));

    private static Gen<string?> NullOr(Gen<string> gen) =>
        Gen.Frequency((1, Gen.Constant<string?>(null)), (3, gen.Select(v => (string?)v)));

    private static Gen<string?> Text(string chars, int max) =>
        NullOr(StringOf(chars, 1, max).Where(s => s != "-"));

    private static readonly Gen<SquidFields> SquidGroup =
        from code in Gen.Elements("TCP_MISS", "TCP_DENIED", "TCP_TUNNEL", "NONE_NONE", "TCP_MEM_HIT", "TCP_MISS_ABORTED")
        from hier in Gen.Elements("HIER_DIRECT", "HIER_NONE", "DEFAULT_PARENT")
        from peer in Gen.OrNull(Ip)
        select new SquidFields { ResultCode = code, HierarchyCode = hier, Peer = peer };

    private static NetEvent Base(Instant t, string ip, string? user, string method, string url, int? status, long? bytes) => new()
    {
        Id = default,
        Origin = new EventOrigin("gen", 1),
        Timestamp = t,
        Action = EventActions.Allowed,
        Dataset = "gen",
        ObserverProduct = "gen",
        SourceIp = ip,
        SourceUserName = user,
        UserName = user,
        Method = method,
        Url = new UrlParts { Original = url },
        StatusCode = status,
        ResponseBytes = bytes,
    };

    private static readonly Gen<string> Method = Gen.Elements("GET", "POST", "HEAD", "PUT", "OPTIONS", "DELETE", "PATCH", "CONNECT");

    private static readonly Gen<NetEvent> SquidCore =
        from t in Time
        from ip in Ip
        from user in SquidUser
        from method in Method
        from url in method == "CONNECT" ? Gen.Zip(Host, Gen.Choose(1, 65535)).Select(h => $"{h.Item1}:{h.Item2}") : HttpUrl
        from status in Status
        from bytes in Gen.Choose(0, int.MaxValue)
        from elapsed in ElapsedMs
        from mime in Mime
        from squid in SquidGroup
        select Base(t, ip, user, method, url, status, bytes) with { Duration = Duration.FromMilliseconds(elapsed), MimeType = mime, Squid = squid };

    private static readonly Gen<E2GuardianFields> E2GuardianGroup =
        from flag in Gen.OrNull(Gen.Elements("DENIED", "TRUSTED", "EXCEPTION"))
        from reason in Gen.OrNull(Words(4).Select(w => w + ": x.example"))
        from category in Gen.OrNull(Words(3, w => char.ToUpperInvariant(w[0]) + w[1..]))
        from groupNo in Maybe(Gen.Choose(1, 99))
        from groupName in Gen.OrNull(Word)
        from weight in Maybe(Gen.Choose(-100, 1000))
        from clientHost in Gen.OrNull(Gen.OneOf(Ipv4, Host))
        select new E2GuardianFields
        {
            Flag = flag, Reason = reason, Category = category, FilterGroup = groupNo, FilterGroupName = groupName,
            Weight = weight, ClientHost = clientHost,
        };

    private static Gen<NetEvent> E2GuardianCore(string uaChars, bool millisecondTimes) =>
        from t in Time
        from ip in Ipv4
        from user in Gen.Frequency((1, Gen.Constant<string?>(null)), (1, Gen.Constant<string?>(ip)), (4, SquidUser.Where(u => u is not null)))
        from method in Method
        from url in method == "CONNECT" ? Gen.Zip(Host, Gen.Choose(1, 65535)).Select(h => $"https://{h.Item1}:{h.Item2}") : HttpUrl
        from status in Status
        from bytes in Maybe(Gen.Choose(0, int.MaxValue).Select(b => (long)b))
        from mime in Mime
        from ua in Text(uaChars, 80).Select(u => u?.Trim() is { Length: > 0 } s && s != "-" ? s : null)
        from g in E2GuardianGroup
        select Base(millisecondTimes ? t : Instant.FromUnixTimeSeconds(t.ToUnixTimeSeconds()), ip, user, method, url, status, bytes)
            with { MimeType = mime, UserAgent = ua, E2Guardian = g, UserName = user == ip ? null : user };

    public static Gen<NetEvent> For(string format) => format switch
    {
        LogFormats.SquidNative => SquidCore,
        LogFormats.SquidCustom =>
            from e in SquidCore
            from ua in Text(PrintableAscii + "é", 80)
            from referrer in Text(PrintableAscii, 60)
            select e with { UserAgent = ua, Referrer = referrer },
        LogFormats.SquidCombined =>
            from e in SquidCore
            from ua in Text(PrintableAscii + "é", 80)
            from referrer in Gen.OrNull(HttpUrl)
            from version in Gen.Elements("1.0", "1.1")
            select e with
            {
                Timestamp = Instant.FromUnixTimeSeconds(e.Timestamp.ToUnixTimeSeconds()),
                Duration = null, MimeType = null, UserAgent = ua, Referrer = referrer, HttpVersion = version,
                Squid = e.Squid! with { Peer = null },
            },
        LogFormats.E2Guardian3 =>
            from e in SquidCore
            from user in Gen.Frequency((1, Gen.Constant<string?>(null)), (1, Gen.Constant<string?>(e.SourceIp)), (4, TokenUser.Select(u => (string?)u)))
            select e with { SourceUserName = user },
        LogFormats.E2Guardian1 => E2GuardianCore(PrintableAscii, millisecondTimes: false),
        LogFormats.E2Guardian2 => E2GuardianCore(PrintableAscii, millisecondTimes: false),
        LogFormats.E2Guardian4 => E2GuardianCore(PrintableAscii, millisecondTimes: false),
        LogFormats.E2Guardian6 =>
            from e in E2GuardianCore(PrintableAscii, millisecondTimes: true)
            from duration in Maybe(ElapsedMs.Select(Duration.FromMilliseconds))
            from messageNo in Gen.OrNull(Gen.Choose(0, 1200).Select(n => n.ToString()))
            select e with { Duration = duration, E2Guardian = e.E2Guardian! with { MessageNumber = messageNo } },
        _ => throw new ArgumentException(format),
    };
}
