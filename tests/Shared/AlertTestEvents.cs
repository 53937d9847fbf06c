using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Tests.Shared;

/// <summary>Events that raise alerts: a safeguarding search by a person (or by a device nobody is attributed to).</summary>
public static class AlertTestEvents
{
    public static NetEvent Safeguarding(long line, Instant at, string? person = "p.pupil", string theme = "self-harm", int severity = 4,
        string terms = "how to hurt myself", string domain = "www.google.co.uk", string school = "100001") =>
        TestEvents.Minimal(line, at, person) with
        {
            Url = new UrlParts { Original = $"https://{domain}/search?q={Uri.EscapeDataString(terms)}", Scheme = "https", Domain = domain, Port = 443, Path = "/search" },
            Classification = new Classification
            {
                Categories = ["search"], SearchEngine = "Google", SearchTerms = terms, SafeguardingTheme = theme,
                SafeguardingSeverity = severity, SafeguardingMatched = terms.Split(' ').Last(), SafeguardingLayer = "lexical",
            },
            Attribution = person is null ? new Attribution { Source = "none", DeviceName = "lab-pc-07" }
                : new Attribution { Source = "proxy-auth", Roles = ["pupil"], GroupName = "Year 9", Confidence = 1 },
            Policy = new PolicyDecision { Verdict = "safeguarding", Rule = "safeguarding-theme", Clause = "9.3", PolicyName = "test" },
            Organization = new Organization { Id = school, Name = "Test School" },
        };
}
