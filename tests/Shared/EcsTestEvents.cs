using FsCheck;
using FsCheck.Fluent;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Tests.Shared;

/// <summary>Events for the tests that hold the store and the exports to <see cref="EcsFieldCatalog"/>.</summary>
public static class EcsTestEvents
{
    /// <summary>
    /// Every field of the catalogue set, and no two with the same value, so a value that lands in another field's
    /// column or property shows.
    /// </summary>
    public static NetEvent Everything(long line = 1) => TestEvents.Full(line) with
    {
        SourceUserName = "J.Smith@school",
        Url = TestEvents.Full(line).Url with { DomainUnicode = "www.göogle.co.uk", Port = 8080 },
        E2Guardian = new E2GuardianFields
        {
            Flag = "DENIED", Reason = "Blocked site: tiktok.com", Category = "Social Networking", FilterGroup = 3,
            FilterGroupName = "pupils", Weight = 160, ClientHost = "pc-17.school.local", MessageNumber = "500",
        },
        Attribution = TestEvents.Full(line).Attribution! with { Confidence = 0.75, UnknownUser = true },
        Policy = new PolicyDecision { Verdict = "work", Rule = "work-categories", Clause = "7.1", PolicyName = "000-local-authority" },
        Dns = new DnsFields { QuestionName = "dns.google.co.uk", QuestionType = "AAAA", QuestionClass = "CH", HeaderFlags = ["RD", "DO"] },
        Finding = new Finding
        {
            Kind = FindingKinds.SharedPassword, Description = "b.jones's login used on j.smith's laptop", RelatedUser = "b.jones",
            CredentialUser = "b.jones", RelatedDevice = "jsmith-laptop", RelatedIp = "10.20.0.7", RelatedMac = "00:11:22:33:44:55",
            Start = TestEvents.Base, End = TestEvents.Base + Duration.FromMinutes(5), EventCount = 17, Bytes = 4096,
            Evidence = "test.log:1",
        },
        Organization = new Organization { Id = "urn-100001", Name = "Example Academy" },
        Ingested = TestEvents.Base + Duration.FromMinutes(1) + Duration.FromTicks(4_560),
    };

    /// <summary>The fields on which two events differ, as the catalogue sees them (lists by their items; null = empty).</summary>
    public static IReadOnlyList<string> Differences(NetEvent expected, NetEvent actual) =>
        EcsFieldCatalog.Fields.Where(f => !SameValue(f.Value(expected), f.Value(actual)))
            .Select(f => $"{f.Name}: expected {Show(f.Value(expected))}, got {Show(f.Value(actual))}").ToList();

    public static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (IReadOnlyList<string> x, IReadOnlyList<string> y) => x.SequenceEqual(y),
        (IReadOnlyList<string> x, null) => x.Count == 0,
        (null, IReadOnlyList<string> y) => y.Count == 0,
        _ => Equals(a, b),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        IReadOnlyList<string> list => "[" + string.Join(", ", list) + "]",
        _ => $"'{value}'",
    };

    // Text that CSV and JSON must quote or escape, and characters beyond ASCII.
    private static readonly Gen<string> Text =
        Gen.ListOf(Gen.Elements("a", "Z", "0", "-", ".", ",", " ", "\"", "'", "\n", "\r\n", "|", "\\", "é", "中", "😀", "{}"))
            .Select(parts => string.Concat(parts));

    private static readonly Gen<string?> OptionalText = Optional(Text);

    private static Gen<T?> Optional<T>(Gen<T> gen) where T : class =>
        Gen.Frequency((1, Gen.Constant((T?)null)), (2, gen.Select(x => (T?)x)));

    private static Gen<T?> OptionalValue<T>(Gen<T> gen) where T : struct =>
        Gen.Frequency((1, Gen.Constant((T?)null)), (2, gen.Select(x => (T?)x)));

    private static readonly Gen<int> Int = Gen.Choose(-5, int.MaxValue);
    private static readonly Gen<long> Long = from high in Gen.Choose(0, int.MaxValue) from low in Gen.Choose(0, int.MaxValue)
                                             select ((long)high << 31) | (uint)low;

    /// <summary>Instants from 2000 to 2099 at microseconds, the store's precision.</summary>
    private static readonly Gen<Instant> Instants =
        from seconds in Gen.Choose(946_684_800, 2_000_000_000 + 1_000_000)
        from micros in Gen.Choose(0, 999_999)
        select Instant.FromUnixTimeSeconds(seconds) + Duration.FromTicks(micros * 10L);

    /// <summary>A finding's times are kept to the millisecond (as exported), in the store too.</summary>
    private static readonly Gen<Instant> Milliseconds =
        from seconds in Gen.Choose(946_684_800, 2_000_000_000 + 1_000_000)
        from millis in Gen.Choose(0, 999)
        select Instant.FromUnixTimeSeconds(seconds) + Duration.FromMilliseconds(millis);

    private static readonly Gen<IReadOnlyList<string>> Keywords =
        Gen.ListOf(Text).Select(l => (IReadOnlyList<string>)l.ToArray());

    private static readonly Gen<UrlParts> Urls =
        from original in Text from scheme in OptionalText from domain in OptionalText from unicode in OptionalText
        from port in OptionalValue(Gen.Choose(0, 65535)) from path in OptionalText from query in OptionalText
        from registered in OptionalText from tld in OptionalText
        select new UrlParts
        {
            Original = original, Scheme = scheme, Domain = domain, DomainUnicode = unicode, Port = port, Path = path, Query = query,
            RegisteredDomain = registered, TopLevelDomain = tld,
        };

    private static readonly Gen<SquidFields?> Squids = Optional(
        from result in OptionalText from hierarchy in OptionalText from peer in OptionalText
        select new SquidFields { ResultCode = result, HierarchyCode = hierarchy, Peer = peer });

    private static readonly Gen<E2GuardianFields?> E2Guardians = Optional(
        from flag in OptionalText from reason in OptionalText from category in OptionalText from groupId in OptionalValue(Int)
        from groupName in OptionalText from weight in OptionalValue(Int) from host in OptionalText from message in OptionalText
        select new E2GuardianFields
        {
            Flag = flag, Reason = reason, Category = category, FilterGroup = groupId, FilterGroupName = groupName, Weight = weight,
            ClientHost = host, MessageNumber = message,
        });

    private static readonly Gen<Classification?> Classifications = Optional(
        from categories in Keywords from engine in OptionalText from terms in OptionalText from theme in OptionalText
        from severity in OptionalValue(Gen.Choose(1, 5)) from matched in OptionalText
        select new Classification
        {
            Categories = categories, SearchEngine = engine, SearchTerms = terms, SafeguardingTheme = theme,
            SafeguardingSeverity = severity, SafeguardingMatched = matched,
        });

    private static readonly Gen<Attribution?> Attributions = Optional(
        from roles in Keywords from groupName in OptionalText from fullName in OptionalText from source in Text
        from confidence in Gen.Choose(0, 1000).Select(x => x / 1000.0) from unknown in Gen.Elements(true, false)
        from device in OptionalText
        select new Attribution
        {
            Roles = roles, GroupName = groupName, FullName = fullName, Source = source, Confidence = confidence,
            UnknownUser = unknown, DeviceName = device,
        });

    private static readonly Gen<PolicyDecision?> Policies = Optional(
        from verdict in Text from rule in OptionalText from clause in OptionalText from name in OptionalText
        select new PolicyDecision { Verdict = verdict, Rule = rule, Clause = clause, PolicyName = name });

    private static readonly Gen<DnsFields?> Dnses = Optional(
        from name in Text from type in OptionalText from @class in OptionalText from flags in Keywords
        select new DnsFields { QuestionName = name, QuestionType = type, QuestionClass = @class, HeaderFlags = flags });

    private static readonly Gen<FortinetFields?> Fortinets = Optional(
        from type in OptionalText from action in OptionalText from category in OptionalValue(Int) from session in OptionalValue(Long)
        from description in OptionalText from device in OptionalText
        select new FortinetFields { Type = type, Action = action, Category = category, SessionId = session, CategoryDescription = description, DeviceName = device });

    private static readonly Gen<PfSenseFields?> PfSenses = Optional(
        from rule in OptionalText from action in OptionalText from protocol in OptionalValue(Int) from length in OptionalValue(Long)
        from flags in OptionalText from icmp in OptionalText
        select new PfSenseFields { RuleNumber = rule, Action = action, ProtocolId = protocol, Length = length, TcpFlags = flags, IcmpType = icmp });

    private static readonly Gen<Finding?> Findings = Optional(
        from kind in Text from description in Text from user in OptionalText from ip in OptionalText from start in Milliseconds
        from end in OptionalValue(Milliseconds) from count in Long from bytes in Long from evidence in OptionalText
        select new Finding
        {
            Kind = kind, Description = description, RelatedUser = user, RelatedIp = ip, Start = start, End = end,
            EventCount = count, Bytes = bytes, Evidence = evidence,
        });

    private static readonly Gen<Organization?> Organizations = Optional(
        from id in OptionalText from name in OptionalText select new Organization { Id = id, Name = name });

    private static readonly Gen<NetEvent> Observed =
        from id in Long from source in Text from line in Gen.Choose(1, int.MaxValue) from timestamp in Instants
        from start in OptionalValue(Instants) from end in OptionalValue(Instants)
        from duration in OptionalValue(Gen.Choose(0, int.MaxValue).Select(ns => Duration.FromNanoseconds(ns * 37L)))
        from action in Text from dataset in Text from product in Text from sourceIp in OptionalText
        from sourceUser in OptionalText from user in OptionalText from url in Urls
        select new NetEvent
        {
            Id = new EventId((UInt128)id), Origin = new EventOrigin(source, line), Timestamp = timestamp, Start = start, End = end,
            Duration = duration, Action = action, Dataset = dataset, ObserverProduct = product, SourceIp = sourceIp,
            SourceUserName = sourceUser, UserName = user, Url = url,
        };

    private static readonly Gen<NetEvent> WithHttp =
        from e in Observed from method in OptionalText from status in OptionalValue(Gen.Choose(0, 999))
        from bytes in OptionalValue(Long) from referrer in OptionalText from version in OptionalText from mime in OptionalText
        from agent in OptionalText from sourcePort in OptionalValue(Gen.Choose(0, 65535)) from sourceBytes in OptionalValue(Long)
        from destinationIp in OptionalText from destinationPort in OptionalValue(Gen.Choose(0, 65535))
        from destinationBytes in OptionalValue(Long) from transport in OptionalText
        select e with
        {
            Method = method, StatusCode = status, ResponseBytes = bytes, Referrer = referrer, HttpVersion = version,
            MimeType = mime, UserAgent = agent, SourcePort = sourcePort, SourceBytes = sourceBytes, DestinationIp = destinationIp,
            DestinationPort = destinationPort, DestinationBytes = destinationBytes, NetworkTransport = transport,
        };

    /// <summary>Random events: any optional field or group may be absent; text that CSV and JSON must quote or escape.</summary>
    public static readonly Gen<NetEvent> Events =
        from e in WithHttp from squid in Squids from e2g in E2Guardians from classification in Classifications
        from attribution in Attributions from policy in Policies from dns in Dnses from fortinet in Fortinets
        from pfsense in PfSenses from finding in Findings from organization in Organizations
        from ingested in OptionalValue(Instants)
        select e with
        {
            Squid = squid, E2Guardian = e2g, Classification = classification, Attribution = attribution, Policy = policy,
            Dns = dns, Fortinet = fortinet, PfSense = pfsense, Finding = finding, Organization = organization, Ingested = ingested,
        };
}
