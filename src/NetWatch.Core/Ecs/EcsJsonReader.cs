using System.Globalization;
using System.Text.Json;
using NetWatch.Core.Events;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Ecs;

/// <summary>
/// Reads an ECS document written by <see cref="EcsJsonWriter"/> back into an event: what a client of the service's
/// API (the CLI reading while the service holds the store) or a document store gets back. Every stored field of
/// <see cref="EcsFieldCatalog"/> is read (the computed ones, such as event.kind, are not); instants come back at the
/// documents' precision, milliseconds.
/// </summary>
public static class EcsJsonReader
{
    private static readonly HashSet<string> FieldNames = EcsFieldCatalog.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
    private static readonly InstantPattern Instants = InstantPattern.ExtendedIso;
    private static readonly IReadOnlyList<string> Empty = [];

    public static NetEvent Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    public static NetEvent Read(JsonElement document)
    {
        var d = new Fields();
        Flatten(document, "", d);
        var squid = new SquidFields { ResultCode = d.Str("squid.result_code"), HierarchyCode = d.Str("squid.hierarchy_code"), Peer = d.Str("squid.peer") };
        var e2g = new E2GuardianFields
        {
            Flag = d.Str("e2guardian.flag"), Reason = d.Str("e2guardian.reason"), Category = d.Str("e2guardian.category"),
            FilterGroup = d.Int("e2guardian.filter_group.id"), FilterGroupName = d.Str("e2guardian.filter_group.name"),
            Weight = d.Int("e2guardian.weight"), ClientHost = d.Str("e2guardian.client_host"), MessageNumber = d.Str("e2guardian.message_no"),
        };
        var categories = d.List("netwatch.categories");
        var theme = d.Str("netwatch.safeguarding.theme");
        var classification = new Classification
        {
            Categories = categories ?? [], SearchEngine = d.Str("netwatch.search.engine"), SearchTerms = d.Str("netwatch.search.terms"),
            SafeguardingTheme = theme, SafeguardingSeverity = d.Int("netwatch.safeguarding.severity"),
            SafeguardingMatched = d.Str("netwatch.safeguarding.matched"),
            SafeguardingLayer = theme is null ? null : d.Str("netwatch.safeguarding.layer"),
            SafeguardingScore = theme is null ? null : d.Double("netwatch.safeguarding.score"),
            SafeguardingEvidence = theme is null ? null : d.Str("netwatch.safeguarding.evidence"),
        };
        var attributionSource = d.Str("netwatch.attribution.source");
        var verdict = d.Str("netwatch.policy.verdict");
        var dnsName = d.Str("dns.question.name");
        var (organizationId, organizationName) = (d.Str("organization.id"), d.Str("organization.name"));
        var domain = d.Str("url.domain");
        return new NetEvent
        {
            Id = EventId.TryParse(d.Str("event.id") ?? "", out var id) ? id : throw new FormatException("the document has no event.id of 32 hex digits"),
            Origin = new EventOrigin(d.Str("netwatch.origin.source") ?? "", d.Long("netwatch.origin.line") ?? 0),
            Timestamp = d.Instant("@timestamp") ?? throw new FormatException("the document has no @timestamp"),
            Duration = d.Long("event.duration") is { } ns ? NodaTime.Duration.FromNanoseconds(ns) : null,
            Start = d.Instant("event.start"),
            End = d.Instant("event.end"),
            Action = d.Str("event.action") ?? "",
            Dataset = d.Str("event.dataset") ?? "",
            ObserverProduct = d.Str("observer.product") ?? "",
            SourceIp = d.Str("source.ip"),
            SourceUserName = d.Str("source.user.name"),
            UserName = d.Str("user.name"),
            Url = new UrlParts
            {
                Original = d.Str("url.original") ?? "", Scheme = d.Str("url.scheme"), Domain = domain,
                // Documents leave the Unicode form out where it equals the domain.
                DomainUnicode = d.Str("netwatch.url.domain_unicode") ?? domain,
                Port = d.Int("url.port"), Path = d.Str("url.path"), Query = d.Str("url.query"),
                RegisteredDomain = d.Str("url.registered_domain"), TopLevelDomain = d.Str("url.top_level_domain"),
            },
            Method = d.Str("http.request.method"),
            StatusCode = d.Int("http.response.status_code"),
            ResponseBytes = d.Long("http.response.bytes"),
            Referrer = d.Str("http.request.referrer"),
            HttpVersion = d.Str("http.version"),
            MimeType = d.Str("http.response.mime_type"),
            UserAgent = d.Str("user_agent.original"),
            Squid = squid == new SquidFields() ? null : squid,
            E2Guardian = e2g == new E2GuardianFields() ? null : e2g,
            Classification = categories is null && classification with { Categories = Empty } == new Classification { Categories = Empty } ? null : classification,
            Attribution = attributionSource is null ? null : new Attribution
            {
                Roles = d.List("user.roles") ?? [], GroupName = d.Str("user.group.name"), FullName = d.Str("user.full_name"),
                Source = attributionSource, Confidence = d.Double("netwatch.attribution.confidence") ?? 0,
                UnknownUser = d.Bool("netwatch.attribution.unknown_user") ?? false, DeviceName = d.Str("host.name"),
            },
            Policy = verdict is null ? null : new PolicyDecision
            {
                Verdict = verdict, Rule = d.Str("netwatch.policy.rule"), Clause = d.Str("netwatch.policy.clause"), PolicyName = d.Str("netwatch.policy.name"),
            },
            SourcePort = d.Int("source.port"),
            SourceBytes = d.Long("source.bytes"),
            DestinationIp = d.Str("destination.ip"),
            DestinationPort = d.Int("destination.port"),
            DestinationBytes = d.Long("destination.bytes"),
            NetworkTransport = d.Str("network.transport"),
            Dns = dnsName is null ? null : new DnsFields
            {
                QuestionName = dnsName, QuestionType = d.Str("dns.question.type"), QuestionClass = d.Str("dns.question.class"),
                HeaderFlags = d.List("dns.header_flags") ?? [],
            },
            Fortinet = d.Object("fortinet.firewall") is { } f ? Fortinet(f) : null,
            PfSense = d.Object("pfsense") is { } p ? PfSense(p) : null,
            Finding = d.Object("netwatch.finding") is { } finding ? FindingJson.Deserialize(finding.GetRawText()) : null,
            Organization = organizationId is null && organizationName is null ? null : new Organization { Id = organizationId, Name = organizationName },
            Ingested = d.Instant("event.ingested"),
        };
    }

    /// <summary>The document's fields by their dotted ECS names; a field whose value is an object (a vendor group, a finding) stays whole.</summary>
    private static void Flatten(JsonElement element, string prefix, Fields into)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + property.Name;
            if (FieldNames.Contains(name)) into.Values[name] = property.Value;
            else if (property.Value.ValueKind == JsonValueKind.Object) Flatten(property.Value, name + ".", into);
        }
    }

    private static FortinetFields Fortinet(JsonElement f) => new()
    {
        Type = Str(f, "type"), Subtype = Str(f, "subtype"), EventType = Str(f, "eventtype"), Action = Str(f, "action"),
        LogId = Str(f, "logid"), Level = Str(f, "level"), DeviceName = Str(f, "devname"), VirtualDomain = Str(f, "vd"),
        PolicyId = Str(f, "policyid"), Profile = Str(f, "profile"),
        Category = f.TryGetProperty("cat", out var cat) ? cat.GetInt32() : null,
        CategoryDescription = Str(f, "catdesc"), Service = Str(f, "service"), Sni = Str(f, "sni"), Application = Str(f, "app"),
        SessionId = f.TryGetProperty("sessionid", out var session) ? session.GetInt64() : null,
        Message = Str(f, "msg"),
    };

    private static PfSenseFields PfSense(JsonElement p) => new()
    {
        RuleNumber = Str(p, "rule_number"), Tracker = Str(p, "tracker"), Interface = Str(p, "interface"), Reason = Str(p, "reason"),
        Action = Str(p, "action"), Direction = Str(p, "direction"), IpVersion = Str(p, "ip_version"),
        ProtocolId = p.TryGetProperty("protocol_id", out var proto) ? proto.GetInt32() : null,
        Length = p.TryGetProperty("length", out var length) ? length.GetInt64() : null,
        TcpFlags = p.TryGetProperty("tcp", out var tcp) ? Str(tcp, "flags") : null,
        IcmpType = p.TryGetProperty("icmp", out var icmp) ? Str(icmp, "type") : null,
    };

    private static string? Str(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private sealed class Fields
    {
        public Dictionary<string, JsonElement> Values { get; } = new(StringComparer.Ordinal);

        private JsonElement? Get(string name) => Values.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

        public string? Str(string name) => Get(name)?.GetString();
        public int? Int(string name) => Get(name)?.GetInt32();
        public long? Long(string name) => Get(name)?.GetInt64();
        public double? Double(string name) => Get(name)?.GetDouble();
        public bool? Bool(string name) => Get(name)?.GetBoolean();
        public JsonElement? Object(string name) => Get(name) is { ValueKind: JsonValueKind.Object } o ? o : null;

        public Instant? Instant(string name) => Str(name) is { } text
            ? Instants.Parse(text).GetValueOrThrow() : null;

        public IReadOnlyList<string>? List(string name) => Get(name) is { ValueKind: JsonValueKind.Array } a
            ? a.EnumerateArray().Select(x => x.GetString()!).ToList() : null;
    }
}
