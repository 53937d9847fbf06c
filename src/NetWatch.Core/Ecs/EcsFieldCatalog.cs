using NetWatch.Core.Events;
using static NetWatch.Core.Ecs.EcsFieldKinds;

namespace NetWatch.Core.Ecs;

/// <summary>
/// Every field of an event, once: its ECS name, store column, type, Elasticsearch type and how to read it from a
/// <see cref="NetEvent"/>. Derived from it: the store's events table (StoreSchema), the CSV export
/// (<see cref="EcsCsvWriter"/>: one column per field, in the order of <see cref="Exported"/>) and the NDJSON document
/// (<see cref="EcsJsonWriter"/>: nested by the dots in the names, objects in the order their first field has there).
/// The store's row writer and reader stay hand-written for speed and are held to this list by tests.
/// </summary>
/// <remarks>
/// <para>The order is the events table's column order, and the table only grows at its end (an existing store gains
/// new columns with ALTER TABLE ... ADD COLUMN, which appends them; the row writer appends values by position).
/// So <b>a new stored field goes at the end of the list</b>, nullable; never rename or move a stored one (other code
/// writes SQL against the column names). Fields with <c>stored: false</c> are computed from others and may sit
/// anywhere.</para>
/// <para>Adding a field: add its property to <see cref="NetEvent"/> and one entry here; the tests
/// (tests/NetWatch.Storage.Tests/EcsCatalogStoreTests) then say what EventRowWriter and EventRowReader must add.</para>
/// </remarks>
public static class EcsFieldCatalog
{
    public static readonly IReadOnlyList<EcsField> Fields =
    [
        Id("event.id", e => e.Id, column: "id"),
        Keyword("event.kind", e => e.Finding is null ? "event" : "alert", stored: false),
        KeywordList("event.category", EcsNetworkJson.Categories, stored: false),
        Keyword("netwatch.origin.source", e => e.Origin.Source, column: "origin_source", required: true),
        Long("netwatch.origin.line", e => e.Origin.LineNumber, column: "origin_line", required: true),
        Date("@timestamp", e => e.Timestamp, column: "@timestamp", required: true),
        Date("event.start", e => e.Start),
        Date("event.end", e => e.End),
        Long("event.duration", e => e.Duration is { } d ? (long)d.TotalNanoseconds : null),
        Keyword("event.action", e => e.Action, required: true),
        Keyword("event.dataset", e => e.Dataset, required: true),
        Keyword("observer.product", e => e.ObserverProduct, required: true),
        Keyword("observer.type", e => EcsNetworkJson.ObserverType(e.ObserverProduct), stored: false),
        Keyword("source.ip", e => e.SourceIp, es: "ip"),
        Keyword("source.user.name", e => e.SourceUserName),
        Keyword("user.name", e => e.UserName),
        Keyword("url.original", e => e.Url.Original, required: true, es: "wildcard"),
        Keyword("url.scheme", e => e.Url.Scheme),
        Keyword("url.domain", e => e.Url.Domain),
        Keyword("netwatch.url.domain_unicode", e => e.Url.DomainUnicode, column: "url_domain_unicode",
            exportedWhen: e => e.Url.DomainUnicode != e.Url.Domain),
        Integer("url.port", e => e.Url.Port),
        Keyword("url.path", e => e.Url.Path, es: "wildcard"),
        Keyword("url.query", e => e.Url.Query),
        Keyword("url.registered_domain", e => e.Url.RegisteredDomain),
        Keyword("url.top_level_domain", e => e.Url.TopLevelDomain),
        Keyword("http.request.method", e => e.Method),
        Integer("http.response.status_code", e => e.StatusCode),
        Long("http.response.bytes", e => e.ResponseBytes),
        Keyword("http.request.referrer", e => e.Referrer),
        Keyword("http.version", e => e.HttpVersion),
        Keyword("http.response.mime_type", e => e.MimeType),
        Keyword("user_agent.original", e => e.UserAgent),
        Keyword("squid.result_code", e => e.Squid?.ResultCode),
        Keyword("squid.hierarchy_code", e => e.Squid?.HierarchyCode),
        Keyword("squid.peer", e => e.Squid?.Peer),
        Keyword("e2guardian.flag", e => e.E2Guardian?.Flag),
        Keyword("e2guardian.reason", e => e.E2Guardian?.Reason),
        Keyword("e2guardian.category", e => e.E2Guardian?.Category),
        Integer("e2guardian.filter_group.id", e => e.E2Guardian?.FilterGroup, es: "integer"),
        Keyword("e2guardian.filter_group.name", e => e.E2Guardian?.FilterGroupName),
        Integer("e2guardian.weight", e => e.E2Guardian?.Weight, es: "integer"),
        Keyword("e2guardian.client_host", e => e.E2Guardian?.ClientHost),
        Keyword("e2guardian.message_no", e => e.E2Guardian?.MessageNumber),
        KeywordList("netwatch.categories", e => e.Classification?.Categories),
        Keyword("netwatch.search.engine", e => e.Classification?.SearchEngine),
        Keyword("netwatch.search.terms", e => e.Classification?.SearchTerms),
        Keyword("netwatch.safeguarding.theme", e => e.Classification?.SafeguardingTheme),
        Integer("netwatch.safeguarding.severity", e => e.Classification?.SafeguardingSeverity, es: "byte"),
        Keyword("netwatch.safeguarding.matched", e => e.Classification?.SafeguardingMatched),
        KeywordList("user.roles", e => e.Attribution?.Roles),
        Keyword("user.group.name", e => e.Attribution?.GroupName),
        Keyword("user.full_name", e => e.Attribution?.FullName),
        Keyword("netwatch.attribution.source", e => e.Attribution?.Source),
        Double("netwatch.attribution.confidence", e => e.Attribution?.Confidence),
        Boolean("netwatch.attribution.unknown_user", e => e.Attribution?.UnknownUser),
        Keyword("host.name", e => e.Attribution?.DeviceName),
        Keyword("netwatch.policy.verdict", e => e.Policy?.Verdict),
        Keyword("netwatch.policy.rule", e => e.Policy?.Rule),
        Keyword("netwatch.policy.clause", e => e.Policy?.Clause),
        Keyword("netwatch.policy.name", e => e.Policy?.PolicyName),
        Integer("source.port", e => e.SourcePort),
        Long("source.bytes", e => e.SourceBytes),
        Keyword("destination.ip", e => e.DestinationIp, es: "ip"),
        Integer("destination.port", e => e.DestinationPort),
        Long("destination.bytes", e => e.DestinationBytes),
        Keyword("network.transport", e => e.NetworkTransport),
        Keyword("dns.question.name", e => e.Dns?.QuestionName),
        Keyword("dns.question.type", e => e.Dns?.QuestionType),
        Keyword("dns.question.class", e => e.Dns?.QuestionClass),
        KeywordList("dns.header_flags", e => e.Dns?.HeaderFlags),
        JsonObject("fortinet.firewall", e => e.Fortinet, EcsNetworkJson.WriteFortinetMembers, column: "fortinet"),
        JsonObject("pfsense", e => e.PfSense, EcsNetworkJson.WritePfSenseMembers),
        JsonObject("netwatch.finding", e => e.Finding, FindingJson.WriteProperties),
        Keyword("message", e => e.Finding?.Description, stored: false, es: "match_only_text"),
        Keyword("organization.id", e => e.Organization?.Id),
        Keyword("organization.name", e => e.Organization?.Name),
        Date("event.ingested", e => e.Ingested),
    ];

    /// <summary>
    /// The order of the exports (CSV columns, document members): @timestamp first, as Elasticsearch and Kibana show
    /// events, then the catalogue's order.
    /// </summary>
    public static readonly IReadOnlyList<EcsField> Exported =
        [.. Fields.Where(f => f.Name == "@timestamp"), .. Fields.Where(f => f.Name != "@timestamp")];

    /// <summary>The stored fields, in the events table's column order.</summary>
    public static readonly IReadOnlyList<EcsField> Stored = Fields.Where(f => f.IsStored).ToArray();

    private static readonly Dictionary<string, EcsField> ByName = Fields.ToDictionary(f => f.Name);

    /// <summary>The field with this ECS name; throws when there is none.</summary>
    public static EcsField Get(string name) =>
        ByName.TryGetValue(name, out var field) ? field : throw new KeyNotFoundException($"no ECS field '{name}' in the catalogue");
}
