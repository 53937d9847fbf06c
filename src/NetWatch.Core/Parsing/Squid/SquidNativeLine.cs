using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.Squid;

/// <summary>
/// The fields of Squid's native access.log line, as spans into the line:
/// <c>%ts.%03tu %6tr %>a %Ss/%03>Hs %&lt;st %rm %ru %[un %Sh/%&lt;a %mt</c>.
/// Runs of spaces separate fields (<c>%6tr</c> is padded). The user name may contain a space (<c>y7 ahmed</c>), so
/// the seven fields before it are read from the left, the two after it from the right, and the user is what is
/// left in the middle. e2guardian's log format 3 has the same layout.
/// </summary>
internal ref struct SquidNativeLine
{
    /// <summary>Ten years: anything longer is not a real elapsed time (and would push event.start out of range).</summary>
    public const long MaxElapsedMs = 10L * 366 * 24 * 3600 * 1000;

    public Instant Timestamp;
    public long ElapsedMs;
    public ReadOnlySpan<char> Ip;
    public ReadOnlySpan<char> ResultCode;
    public int? Status;
    public long Bytes;
    public ReadOnlySpan<char> Method;
    public ReadOnlySpan<char> Url;
    public ReadOnlySpan<char> User;
    public ReadOnlySpan<char> Hierarchy;
    public ReadOnlySpan<char> Peer;
    public ReadOnlySpan<char> Mime;

    /// <summary>
    /// The method and URL alone (the 6th and 7th fields, read from the left as <see cref="TryRead"/> reads them, so
    /// they are the same spans whenever <see cref="TryRead"/> succeeds); false when the line has fewer than 7 fields.
    /// Squid's custom format (<c>"UA" "referer"</c> after the native fields) starts with the same 7 fields.
    /// </summary>
    public static bool TryReadUrl(ReadOnlySpan<char> line, out ReadOnlySpan<char> method, out ReadOnlySpan<char> url)
    {
        var t = new SpaceTokenizer(line);
        method = url = default;
        return t.TakeFirst(out _) && t.TakeFirst(out _) && t.TakeFirst(out _) && t.TakeFirst(out _) && t.TakeFirst(out _)
            && t.TakeFirst(out method) && t.TakeFirst(out url);
    }

    /// <summary>Reads the fields; on failure returns false with a <see cref="ParseReasons"/> code and detail.</summary>
    public static bool TryRead(ReadOnlySpan<char> line, out SquidNativeLine f, out string reason, out string? detail)
    {
        f = default;
        reason = ParseReasons.FieldCount;
        detail = null;
        var t = new SpaceTokenizer(line);
        if (!t.TakeFirst(out var ts) || !t.TakeFirst(out var elapsed) || !t.TakeFirst(out f.Ip)
            || !t.TakeFirst(out var codeStatus) || !t.TakeFirst(out var bytes) || !t.TakeFirst(out f.Method)
            || !t.TakeFirst(out f.Url) || !t.TakeLast(out f.Mime) || !t.TakeLast(out var hierPeer) || t.Rest.IsEmpty)
        {
            detail = "expected 10 space-separated fields";
            return false;
        }
        f.User = t.Rest;

        var slash = codeStatus.IndexOf('/');
        var hierSlash = hierPeer.IndexOf('/');
        if (slash <= 0 || hierSlash <= 0)
        {
            detail = slash <= 0 ? "result code field has no '/status'" : "hierarchy field has no '/peer'";
            return false;
        }
        f.ResultCode = codeStatus[..slash];
        f.Hierarchy = hierPeer[..hierSlash];
        f.Peer = hierPeer[(hierSlash + 1)..];

        if (!EpochTime.TryParse(ts, out f.Timestamp))
        {
            reason = ParseReasons.BadTimestamp;
            detail = "epoch time expected";
            return false;
        }
        if (!SpanNumbers.TryParseInt64(elapsed, out f.ElapsedMs) || !SpanNumbers.TryParseStatus(codeStatus[(slash + 1)..], out f.Status)
            || !SpanNumbers.TryParseInt64(bytes, out f.Bytes) || f.ElapsedMs > MaxElapsedMs)
        {
            reason = ParseReasons.BadNumber;
            detail = "elapsed, status and size must be numbers";
            return false;
        }
        if (!IpText.LooksLikeIp(f.Ip))
        {
            reason = ParseReasons.BadAddress;
            detail = "client address is not an IP";
            return false;
        }
        return true;
    }
}
