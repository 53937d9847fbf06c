using System.Data.Common;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Events;

/// <summary>
/// Reads a row of <c>SELECT * FROM events</c> back into an event (the inverse of EventRowWriter), by position in the
/// order of <see cref="Core.Ecs.EcsFieldCatalog"/> (which the store checks its table has when it opens).
/// EcsCatalogStoreTests holds it to the catalogue: every field written reads back equal (the url.* parts stored as NULL
/// where they repeat others put back by <see cref="StoredUrl"/>).
/// </summary>
internal static class EventRowReader
{
    public static NetEvent Read(DbDataReader r)
    {
        var i = 0;
        var id = EventId.FromGuid(r.GetGuid(i++));
        var origin = new EventOrigin(r.GetString(i++), r.GetInt64(i++));
        var timestamp = r.GetInstant(i++);
        var start = r.GetInstantOrNull(i++);
        var end = r.GetInstantOrNull(i++);
        var durationNs = Int64OrNull(r, i++);
        var action = r.GetString(i++);
        var dataset = r.GetString(i++);
        var product = r.GetString(i++);
        var sourceIp = Str(r, i++);
        var sourceUser = Str(r, i++);
        var userName = Str(r, i++);
        var original = r.GetString(i++);
        var scheme = Str(r, i++);
        var domain = Str(r, i++);
        var domainUnicode = StoredUrl.DomainUnicode(Str(r, i++), domain);
        var port = Int32OrNull(r, i++);
        var (path, query) = StoredUrl.PathAndQuery(Str(r, i++), Str(r, i++), original, scheme);
        var url = new UrlParts
        {
            Original = original, Scheme = scheme, Domain = domain, DomainUnicode = domainUnicode, Port = port, Path = path,
            Query = query, RegisteredDomain = Str(r, i++), TopLevelDomain = Str(r, i++),
        };
        var method = Str(r, i++);
        var status = Int32OrNull(r, i++);
        var bytes = Int64OrNull(r, i++);
        var referrer = Str(r, i++);
        var httpVersion = Str(r, i++);
        var mime = Str(r, i++);
        var userAgent = Str(r, i++);
        var squid = new SquidFields { ResultCode = Str(r, i++), HierarchyCode = Str(r, i++), Peer = Str(r, i++) };
        var e2g = new E2GuardianFields
        {
            Flag = Str(r, i++), Reason = Str(r, i++), Category = Str(r, i++), FilterGroup = Int32OrNull(r, i++),
            FilterGroupName = Str(r, i++), Weight = Int32OrNull(r, i++), ClientHost = Str(r, i++),
            MessageNumber = Str(r, i++),
        };
        var categories = ListOrNull(r, i++);
        var classification = new Classification
        {
            Categories = categories ?? [], SearchEngine = Str(r, i++), SearchTerms = Str(r, i++),
            SafeguardingTheme = Str(r, i++), SafeguardingSeverity = Int32OrNull(r, i++), SafeguardingMatched = Str(r, i++),
        };
        var roles = ListOrNull(r, i++);
        var groupName = Str(r, i++);
        var fullName = Str(r, i++);
        var attributionSource = Str(r, i++);
        var confidence = r.IsDBNull(i) ? (double?)null : r.GetDouble(i); i++;
        var unknown = r.IsDBNull(i) ? (bool?)null : r.GetBoolean(i); i++;
        var hostName = Str(r, i++);
        var verdict = Str(r, i++);
        var rule = Str(r, i++);
        var clause = Str(r, i++);
        var policyName = Str(r, i++);
        var sourcePort = Int32OrNull(r, i++);
        var sourceBytes = Int64OrNull(r, i++);
        var destinationIp = Str(r, i++);
        var destinationPort = Int32OrNull(r, i++);
        var destinationBytes = Int64OrNull(r, i++);
        var transport = Str(r, i++);
        var dnsName = Str(r, i++);
        var dnsType = Str(r, i++);
        var dnsClass = Str(r, i++);
        var dnsFlags = ListOrNull(r, i++);
        var fortinet = VendorJson.Read<FortinetFields>(Str(r, i++));
        var pfsense = VendorJson.Read<PfSenseFields>(Str(r, i++));
        var finding = Str(r, i++);
        var organizationId = Str(r, i++);
        var organizationName = Str(r, i++);
        var ingested = r.GetInstantOrNull(i++);
        var safeguardingLayer = Str(r, i++);
        var safeguardingScore = r.IsDBNull(i) ? (double?)null : r.GetDouble(i); i++;
        var safeguardingEvidence = Str(r, i++);
        if (classification.SafeguardingTheme is not null)
            classification = classification with
            {
                SafeguardingLayer = safeguardingLayer, SafeguardingScore = safeguardingScore, SafeguardingEvidence = safeguardingEvidence,
            };

        return new NetEvent
        {
            Id = id, Origin = origin, Timestamp = timestamp,
            Duration = durationNs is { } ns ? Duration.FromNanoseconds(ns) : null, Start = start, End = end,
            Action = action, Dataset = dataset, ObserverProduct = product, SourceIp = sourceIp,
            SourceUserName = sourceUser, UserName = userName, Url = url, Method = method, StatusCode = status,
            ResponseBytes = bytes, Referrer = referrer, HttpVersion = httpVersion, MimeType = mime, UserAgent = userAgent,
            // A group comes back where any of its members was stored (not by product: e2guardian's Squid-style
            // format fills squid.*, and a Squid event may have logged none of them).
            Squid = squid == Empty.Squid ? null : squid,
            E2Guardian = e2g == Empty.E2Guardian ? null : e2g,
            Classification = categories is null && classification.SearchEngine is null && classification.SafeguardingTheme is null
                ? null : classification,
            Attribution = attributionSource is null ? null : new Attribution
            {
                Roles = roles ?? [], GroupName = groupName, FullName = fullName, Source = attributionSource,
                Confidence = confidence ?? 0, UnknownUser = unknown ?? false, DeviceName = hostName,
            },
            Policy = verdict is null ? null : new PolicyDecision { Verdict = verdict, Rule = rule, Clause = clause, PolicyName = policyName },
            SourcePort = sourcePort, SourceBytes = sourceBytes, DestinationIp = destinationIp, DestinationPort = destinationPort,
            DestinationBytes = destinationBytes, NetworkTransport = transport,
            Dns = dnsName is null ? null : new DnsFields { QuestionName = dnsName, QuestionType = dnsType, QuestionClass = dnsClass, HeaderFlags = dnsFlags ?? [] },
            Fortinet = fortinet, PfSense = pfsense,
            Finding = finding is null ? null : Core.Ecs.FindingJson.Deserialize(finding),
            Organization = organizationId is null && organizationName is null
                ? null : new Organization { Id = organizationId, Name = organizationName },
            Ingested = ingested,
        };
    }

    private static class Empty
    {
        public static readonly SquidFields Squid = new();
        public static readonly E2GuardianFields E2Guardian = new();
    }

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static int? Int32OrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
    private static long? Int64OrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static IReadOnlyList<string>? ListOrNull(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : r.GetFieldValue<List<string>>(i);
}
