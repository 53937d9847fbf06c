using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Tests.Shared;

/// <summary>Builds events for tests that need one without parsing a log line.</summary>
public static class TestEvents
{
    public static readonly Instant Base = Instant.FromUtc(2026, 11, 22, 22, 24, 47);

    public static NetEvent Minimal(long line, Instant? at = null, string? user = null, string source = "test.log") => new()
    {
        Id = EventIdentity.Compute("test", line, source + line),
        Origin = new EventOrigin(source, line),
        Timestamp = at ?? Base + Duration.FromSeconds(line),
        Action = EventActions.Allowed,
        Dataset = "squid.access",
        ObserverProduct = "squid",
        SourceIp = "127.0.10.11",
        SourceUserName = user,
        UserName = user,
        Url = new UrlParts { Original = $"http://www.example.com/{line}", Scheme = "http", Domain = "www.example.com", Port = 80, Path = $"/{line}" },
        Method = "GET",
        StatusCode = 200,
        ResponseBytes = 100 + line,
    };

    /// <summary>An event with every field and every enrichment group set.</summary>
    public static NetEvent Full(long line = 1) => Minimal(line, user: "j.smith") with
    {
        Start = Base + Duration.FromSeconds(line) - Duration.FromMilliseconds(250),
        End = Base + Duration.FromSeconds(line),
        Duration = Duration.FromMilliseconds(250),
        Url = new UrlParts
        {
            Original = "http://www.google.co.uk/search?q=anti+bullying&hl=en-GB", Scheme = "http", Domain = "www.google.co.uk",
            DomainUnicode = "www.google.co.uk", Port = 80, Path = "/search", Query = "q=anti+bullying&hl=en-GB",
            RegisteredDomain = "google.co.uk", TopLevelDomain = "co.uk",
        },
        Referrer = "http://classroom.google.com/",
        HttpVersion = "1.1",
        MimeType = "text/html",
        UserAgent = "Mozilla/5.0 (X11; \"quoted\")",
        Squid = new SquidFields { ResultCode = "TCP_MISS", HierarchyCode = "HIER_DIRECT", Peer = "127.0.0.2" },
        Classification = new Classification
        {
            Categories = ["search", "education"], SearchEngine = "Google", SearchTerms = "anti bullying",
            SafeguardingTheme = "bullying", SafeguardingSeverity = 2, SafeguardingMatched = "bullying",
            SafeguardingLayer = "semantic", SafeguardingScore = 0.812, SafeguardingEvidence = "reads like: \"they laugh at me\" (0.81)",
        },
        Attribution = new Attribution
        {
            Roles = ["staff"], GroupName = "English", FullName = "Jane Smith", Source = "proxy-auth",
            Confidence = 1.0, UnknownUser = false, DeviceName = "jsmith-laptop",
        },
        Policy = new PolicyDecision { Verdict = "work", Rule = "work-categories", Clause = "7.1", PolicyName = "000" },
        SourcePort = 51544, SourceBytes = 1200, DestinationIp = "203.0.113.40", DestinationPort = 443, DestinationBytes = 56000,
        NetworkTransport = "tcp",
        Dns = new DnsFields { QuestionName = "www.google.co.uk", QuestionType = "A", QuestionClass = "IN", HeaderFlags = ["RD"] },
        Fortinet = new FortinetFields { Type = "utm", Subtype = "webfilter", Action = "blocked", Category = 52, CategoryDescription = "Social Networking", SessionId = 123 },
        PfSense = new PfSenseFields { RuleNumber = "5", Interface = "igb1", Action = "block", ProtocolId = 6, TcpFlags = "S" },
    };
}
