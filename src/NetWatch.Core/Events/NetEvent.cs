using NodaTime;

namespace NetWatch.Core.Events;

/// <summary>
/// One web request as NetWatch sees it, whatever log it came from; firewall logs add sessions and packets (no URL,
/// a destination) and DNS logs add look-ups (event.action dns-query, <see cref="Dns"/> set). Property names follow ECS; the
/// ECS field each one maps to is given in its comment. Parsers fill the observed fields; later stages
/// add <see cref="Classification"/>, <see cref="Attribution"/> and <see cref="Policy"/> with <c>with</c>.
/// </summary>
public sealed record NetEvent
{
    /// <summary>The fields a proxy log's event never sets, out of line (<see cref="RarelySetFields"/>); null when none is.</summary>
    private RarelySetFields? _rare; // written only by the init accessors (and KeepStartEnd, which they call)

    // The value-typed optional fields, each stored as its value (default when absent) with one bit of _present for
    // whether it is set: a Nullable<Instant> takes 24 bytes and an Instant 16, so an event takes 288 bytes instead of
    // 328 with six Nullable fields (it waits in memory, promoted twice, until the store has written it). An absent
    // field always holds its default, so the record's field-by-field equality is what it was.
    private readonly Instant _timestamp, _ingested;
    private Duration _duration;
    // event.start and event.end take no field of their own where they are what a proxy's line gives them (end =
    // @timestamp, start = @timestamp - duration: every Squid event), 32 bytes less an event; another value is kept in
    // _rare (StartEnd). The form is unique for the values (derived whenever it can be), so equality is what it was.
    private readonly long _responseBytes;
    private readonly int _statusCode;
    private Present _present; // written only by the init accessors (through Keep and KeepStartEnd)

    [Flags]
    private enum Present : byte
    {
        Start = 1,
        End = 2,
        Duration = 4,
        StatusCode = 8,
        ResponseBytes = 16,
        Ingested = 32,
    }

    private bool Has(Present field) => (_present & field) != 0;

    /// <summary>What an init stores for <paramref name="value"/>, marking <paramref name="field"/> present or absent.</summary>
    private T Keep<T>(T? value, Present field) where T : struct
    {
        _present = value.HasValue ? _present | field : _present & ~field;
        return value.GetValueOrDefault();
    }

    /// <summary>event.id: deterministic (see <see cref="EventIdentity"/>), so a re-import does not duplicate.</summary>
    public required EventId Id { get; init; }

    /// <summary>Where the line came from: not an ECS field, kept for dead-letter/explain/ordering.</summary>
    public required EventOrigin Origin { get; init; }

    /// <summary>@timestamp: the instant the source logged. For Squid that is the end of the transaction.</summary>
    public required Instant Timestamp
    {
        get => _timestamp;
        init
        {
            // A derived start or end keeps its value when @timestamp changes (`with { Timestamp = ... }`).
            var (start, end) = (Start, End);
            _timestamp = value;
            KeepStartEnd(start, end);
        }
    }

    /// <summary>event.start (Squid: @timestamp minus elapsed).</summary>
    public Instant? Start { get => Has(Present.Start) ? _rare?.StartEnd?.Start ?? _timestamp - _duration : null; init => KeepStartEnd(value, End); }

    /// <summary>event.end (Squid: equals @timestamp).</summary>
    public Instant? End { get => Has(Present.End) ? _rare?.StartEnd?.End ?? _timestamp : null; init => KeepStartEnd(Start, value); }

    /// <summary>event.duration (ECS stores nanoseconds).</summary>
    public Duration? Duration
    {
        get => Has(Present.Duration) ? _duration : null;
        init
        {
            var (start, end) = (Start, End);
            _duration = Keep(value, Present.Duration);
            KeepStartEnd(start, end);
        }
    }

    /// <summary>
    /// Stores event.start and event.end: each present or not by its bit; derived from @timestamp (and the duration, 0
    /// when none) where it equals what they give, else kept out of line. Compared as durations, which cannot overflow
    /// (an Instant minus a Duration can).
    /// </summary>
    private void KeepStartEnd(Instant? start, Instant? end)
    {
        _present = start.HasValue ? _present | Present.Start : _present & ~Present.Start;
        _present = end.HasValue ? _present | Present.End : _present & ~Present.End;
        Instant? startApart = start is { } s && _timestamp - s != _duration ? s : null;
        Instant? endApart = end is { } e && e != _timestamp ? e : null;
        StartEnd? apart = startApart is null && endApart is null ? null : new StartEnd(startApart, endApart);
        if (_rare?.StartEnd != apart)
            _rare = RarelySetFields.Set(_rare, apart, static (r, v) => r with { StartEnd = v });
    }

    /// <summary>event.action: one of <see cref="EventActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>event.dataset, e.g. "squid.access", "e2guardian.log".</summary>
    public required string Dataset { get; init; }

    /// <summary>observer.product, e.g. "squid", "e2guardian".</summary>
    public required string ObserverProduct { get; init; }

    /// <summary>source.ip, in canonical text form.</summary>
    public string? SourceIp { get; init; }

    /// <summary>source.user.name, exactly as logged (null when the log says "-").</summary>
    public string? SourceUserName { get; init; }

    /// <summary>user.name: the person the event is attributed to (equals SourceUserName until attribution runs).</summary>
    public string? UserName { get; init; }

    /// <summary>url.*</summary>
    public required UrlParts Url { get; init; }

    /// <summary>http.request.method</summary>
    public string? Method { get; init; }

    /// <summary>http.response.status_code (null when the log has none, e.g. Squid's 000)</summary>
    public int? StatusCode { get => Has(Present.StatusCode) ? _statusCode : null; init => _statusCode = Keep(value, Present.StatusCode); }

    /// <summary>http.response.bytes</summary>
    public long? ResponseBytes { get => Has(Present.ResponseBytes) ? _responseBytes : null; init => _responseBytes = Keep(value, Present.ResponseBytes); }

    /// <summary>http.request.referrer</summary>
    public string? Referrer { get; init; }

    /// <summary>http.version</summary>
    public string? HttpVersion { get; init; }

    /// <summary>http.response.mime_type</summary>
    public string? MimeType { get; init; }

    /// <summary>user_agent.original</summary>
    public string? UserAgent { get; init; }

    /// <summary>source.port</summary>
    public int? SourcePort { get => _rare?.SourcePort; init => _rare = RarelySetFields.Set(_rare, value, static (r, v) => r with { SourcePort = v }); }

    /// <summary>destination.ip, in canonical text form (firewall and DNS logs; null for proxy logs).</summary>
    public string? DestinationIp { get => _rare?.DestinationIp; init => _rare = RarelySetFields.Set(_rare, value, static (r, v) => r with { DestinationIp = v }); }

    /// <summary>destination.port</summary>
    public int? DestinationPort { get => _rare?.DestinationPort; init => _rare = RarelySetFields.Set(_rare, value, static (r, v) => r with { DestinationPort = v }); }

    /// <summary>network.transport, lower case: tcp, udp, icmp, ipv6-icmp, ...</summary>
    public string? NetworkTransport { get => _rare?.NetworkTransport; init => _rare = RarelySetFields.Set(_rare, value, static (r, v) => r with { NetworkTransport = v }); }

    /// <summary>source.bytes: bytes sent by the client (FortiGate sentbyte).</summary>
    public long? SourceBytes { get => _rare?.SourceBytes; init => _rare = RarelySetFields.Set(_rare, value, static (r, v) => r with { SourceBytes = v }); }

    /// <summary>destination.bytes: bytes sent back to the client (FortiGate rcvdbyte).</summary>
    public long? DestinationBytes { get => _rare?.DestinationBytes; init => _rare = RarelySetFields.Set(_rare, value, static (r, v) => r with { DestinationBytes = v }); }

    /// <summary>squid.* (null for other products)</summary>
    public SquidFields? Squid { get; init; }

    /// <summary>e2guardian.* (null for other products)</summary>
    public E2GuardianFields? E2Guardian { get => _rare?.E2Guardian; init => _rare = RarelySetFields.Set(_rare, value, static (r, v) => r with { E2Guardian = v }); }

    /// <summary>fortinet.firewall.* (null for other products)</summary>
    public FortinetFields? Fortinet { get => _rare?.Fortinet; init => _rare = RarelySetFields.Set(_rare, value, static (r, v) => r with { Fortinet = v }); }

    /// <summary>pfsense.* and the filterlog's rule/interface fields (null for other products)</summary>
    public PfSenseFields? PfSense { get => _rare?.PfSense; init => _rare = RarelySetFields.Set(_rare, value, static (r, v) => r with { PfSense = v }); }

    /// <summary>dns.*: set on DNS look-ups (event.action dns-query), null otherwise</summary>
    public DnsFields? Dns { get => _rare?.Dns; init => _rare = RarelySetFields.Set(_rare, value, static (r, v) => r with { Dns = v }); }

    /// <summary>netwatch.categories, netwatch.search.*, netwatch.safeguarding.*: set by the classification stage.</summary>
    public Classification? Classification { get; init; }

    /// <summary>user.roles, user.group.name, netwatch.attribution.*: set by the attribution stage.</summary>
    public Attribution? Attribution { get; init; }

    /// <summary>netwatch.policy.*: set by the policy stage.</summary>
    public PolicyDecision? Policy { get; init; }

    /// <summary>organization.*: the school the event belongs to (from the configuration; null when none is set).</summary>
    public Organization? Organization { get; init; }

    /// <summary>event.ingested: when NetWatch received the event (stamped by the pipeline before it is stored).</summary>
    public Instant? Ingested { get => Has(Present.Ingested) ? _ingested : null; init => _ingested = Keep(value, Present.Ingested); }

    /// <summary>netwatch.finding.*: set only on finding events (event.kind alert, event.dataset netwatch.finding).</summary>
    public Finding? Finding { get => _rare?.Finding; init => _rare = RarelySetFields.Set(_rare, value, static (r, v) => r with { Finding = v }); }
}
