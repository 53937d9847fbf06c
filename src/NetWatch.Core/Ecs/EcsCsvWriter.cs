using System.Globalization;
using NetWatch.Core.Events;

namespace NetWatch.Core.Ecs;

/// <summary>Writes events as RFC 4180 CSV with ECS field names as the header. Lists are joined with '|'.</summary>
public static class EcsCsvWriter
{
    private static readonly (string Name, Func<NetEvent, string?> Value)[] Columns =
    [
        ("@timestamp", e => EcsJsonWriter.FormatInstant(e.Timestamp)),
        ("event.id", e => e.Id.ToString()),
        ("event.action", e => e.Action),
        ("event.dataset", e => e.Dataset),
        ("event.duration", e => e.Duration is { } d ? ((long)d.TotalNanoseconds).ToString(CultureInfo.InvariantCulture) : null),
        ("observer.product", e => e.ObserverProduct),
        ("source.ip", e => e.SourceIp),
        ("source.user.name", e => e.SourceUserName),
        ("user.name", e => e.UserName),
        ("user.roles", e => e.Attribution is { } a ? string.Join('|', a.Roles) : null),
        ("user.group.name", e => e.Attribution?.GroupName),
        ("host.name", e => e.Attribution?.DeviceName),
        ("http.request.method", e => e.Method),
        ("url.original", e => e.Url.Original),
        ("url.domain", e => e.Url.Domain),
        ("url.registered_domain", e => e.Url.RegisteredDomain),
        ("http.response.status_code", e => e.StatusCode?.ToString(CultureInfo.InvariantCulture)),
        ("http.response.bytes", e => e.ResponseBytes?.ToString(CultureInfo.InvariantCulture)),
        ("http.request.referrer", e => e.Referrer),
        ("user_agent.original", e => e.UserAgent),
        ("netwatch.categories", e => e.Classification is { } c ? string.Join('|', c.Categories) : null),
        ("netwatch.search.engine", e => e.Classification?.SearchEngine),
        ("netwatch.search.terms", e => e.Classification?.SearchTerms),
        ("netwatch.safeguarding.theme", e => e.Classification?.SafeguardingTheme),
        ("netwatch.safeguarding.severity", e => e.Classification?.SafeguardingSeverity?.ToString(CultureInfo.InvariantCulture)),
        ("netwatch.safeguarding.matched", e => e.Classification?.SafeguardingMatched),
        ("netwatch.safeguarding.layer", e => e.Classification?.SafeguardingLayer),
        ("netwatch.safeguarding.score", e => e.Classification?.SafeguardingScore?.ToString("0.###", CultureInfo.InvariantCulture)),
        ("netwatch.safeguarding.evidence", e => e.Classification?.SafeguardingEvidence),
        ("netwatch.attribution.source", e => e.Attribution?.Source),
        ("netwatch.policy.verdict", e => e.Policy?.Verdict),
        ("netwatch.policy.rule", e => e.Policy?.Rule),
        ("netwatch.policy.clause", e => e.Policy?.Clause),
        ("netwatch.finding.kind", e => e.Finding?.Kind),
        ("message", e => e.Finding?.Description),
    ];

    public static void WriteHeader(TextWriter w) => w.WriteLine(string.Join(',', Columns.Select(c => c.Name)));

    public static void Write(TextWriter w, NetEvent e)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (i > 0) w.Write(',');
            WriteField(w, Columns[i].Value(e));
        }
        w.WriteLine();
    }

    private static void WriteField(TextWriter w, string? value)
    {
        if (value is null) return;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            w.Write(value);
            return;
        }
        w.Write('"');
        w.Write(value.Replace("\"", "\"\""));
        w.Write('"');
    }
}
