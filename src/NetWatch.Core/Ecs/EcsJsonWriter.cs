using System.Text.Json;
using static NetWatch.Core.Ecs.JsonFields;
using NetWatch.Core.Events;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Ecs;

/// <summary>
/// Writes an event as one ECS document, nested exactly as Elasticsearch would index it
/// (<c>{"@timestamp":…,"source":{"ip":…},"url":{…}}</c>). Null fields and empty groups are left out.
/// </summary>
public static class EcsJsonWriter
{
    private static readonly InstantPattern Timestamp = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.fff'Z'");

    public static void Write(Utf8JsonWriter w, NetEvent e)
    {
        w.WriteStartObject();
        w.WriteString("@timestamp", FormatInstant(e.Timestamp));
        if (e.Finding is { } finding) w.WriteString("message", finding.Description);
        WriteEvent(w, e);
        w.WriteStartObject("observer");
        w.WriteString("product", e.ObserverProduct);
        w.WriteString("type", EcsNetworkJson.ObserverType(e.ObserverProduct));
        w.WriteEndObject();
        WriteSourceAndUser(w, e);
        WriteUrl(w, e.Url);
        WriteHttp(w, e);
        if (e.UserAgent is not null)
        {
            w.WriteStartObject("user_agent");
            w.WriteString("original", e.UserAgent);
            w.WriteEndObject();
        }
        if (e.Attribution?.DeviceName is { } device)
        {
            w.WriteStartObject("host");
            w.WriteString("name", device);
            w.WriteEndObject();
        }
        EcsNetworkJson.Write(w, e);
        if (e.Squid is { } squid) WriteSquid(w, squid);
        if (e.E2Guardian is { } e2g) WriteE2Guardian(w, e2g);
        WriteNetWatch(w, e);
        w.WriteEndObject();
    }

    public static string FormatInstant(Instant instant) => Timestamp.Format(instant);

    private static void WriteEvent(Utf8JsonWriter w, NetEvent e)
    {
        w.WriteStartObject("event");
        w.WriteString("id", e.Id.ToString());
        w.WriteString("kind", e.Finding is null ? "event" : "alert");
        w.WriteStartArray("category");
        w.WriteStringValue(EcsNetworkJson.Category(e));
        w.WriteEndArray();
        w.WriteString("action", e.Action);
        w.WriteString("dataset", e.Dataset);
        if (e.Start is { } start) w.WriteString("start", FormatInstant(start));
        if (e.End is { } end) w.WriteString("end", FormatInstant(end));
        if (e.Duration is { } duration) w.WriteNumber("duration", (long)duration.TotalNanoseconds);
        w.WriteEndObject();
    }

    private static void WriteSourceAndUser(Utf8JsonWriter w, NetEvent e)
    {
        if (e.SourceIp is not null || e.SourceUserName is not null || e.SourcePort is not null || e.SourceBytes is not null)
        {
            w.WriteStartObject("source");
            Str(w, "ip", e.SourceIp);
            if (e.SourcePort is { } port) w.WriteNumber("port", port);
            if (e.SourceBytes is { } bytes) w.WriteNumber("bytes", bytes);
            if (e.SourceUserName is not null)
            {
                w.WriteStartObject("user");
                w.WriteString("name", e.SourceUserName);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        var a = e.Attribution;
        if (e.UserName is null && a is null) return;
        w.WriteStartObject("user");
        Str(w, "name", e.UserName);
        if (a is not null)
        {
            Str(w, "full_name", a.FullName);
            StrArray(w, "roles", a.Roles);
            if (a.GroupName is not null)
            {
                w.WriteStartObject("group");
                w.WriteString("name", a.GroupName);
                w.WriteEndObject();
            }
        }
        w.WriteEndObject();
    }

    private static void WriteUrl(Utf8JsonWriter w, UrlParts url)
    {
        w.WriteStartObject("url");
        w.WriteString("original", url.Original);
        Str(w, "scheme", url.Scheme);
        Str(w, "domain", url.Domain);
        if (url.Port is { } port) w.WriteNumber("port", port);
        Str(w, "path", url.Path);
        Str(w, "query", url.Query);
        Str(w, "registered_domain", url.RegisteredDomain);
        Str(w, "top_level_domain", url.TopLevelDomain);
        w.WriteEndObject();
    }

    private static void WriteHttp(Utf8JsonWriter w, NetEvent e)
    {
        if (e.Method is null && e.StatusCode is null && e.ResponseBytes is null && e.Referrer is null
            && e.HttpVersion is null && e.MimeType is null) return;
        w.WriteStartObject("http");
        Str(w, "version", e.HttpVersion);
        if (e.Method is not null || e.Referrer is not null)
        {
            w.WriteStartObject("request");
            Str(w, "method", e.Method);
            Str(w, "referrer", e.Referrer);
            w.WriteEndObject();
        }
        if (e.StatusCode is not null || e.ResponseBytes is not null || e.MimeType is not null)
        {
            w.WriteStartObject("response");
            if (e.StatusCode is { } status) w.WriteNumber("status_code", status);
            if (e.ResponseBytes is { } bytes) w.WriteNumber("bytes", bytes);
            Str(w, "mime_type", e.MimeType);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteSquid(Utf8JsonWriter w, SquidFields s)
    {
        w.WriteStartObject("squid");
        Str(w, "result_code", s.ResultCode);
        Str(w, "hierarchy_code", s.HierarchyCode);
        Str(w, "peer", s.Peer);
        w.WriteEndObject();
    }

    private static void WriteE2Guardian(Utf8JsonWriter w, E2GuardianFields g)
    {
        w.WriteStartObject("e2guardian");
        Str(w, "flag", g.Flag);
        Str(w, "reason", g.Reason);
        Str(w, "category", g.Category);
        if (g.FilterGroup is not null || g.FilterGroupName is not null)
        {
            w.WriteStartObject("filter_group");
            if (g.FilterGroup is { } id) w.WriteNumber("id", id);
            Str(w, "name", g.FilterGroupName);
            w.WriteEndObject();
        }
        if (g.Weight is { } weight) w.WriteNumber("weight", weight);
        Str(w, "client_host", g.ClientHost);
        Str(w, "message_no", g.MessageNumber);
        w.WriteEndObject();
    }

    private static void WriteNetWatch(Utf8JsonWriter w, NetEvent e)
    {
        w.WriteStartObject("netwatch");
        w.WriteStartObject("origin");
        w.WriteString("source", e.Origin.Source);
        w.WriteNumber("line", e.Origin.LineNumber);
        w.WriteEndObject();
        if (e.Url.DomainUnicode is { } unicode && unicode != e.Url.Domain)
        {
            w.WriteStartObject("url");
            w.WriteString("domain_unicode", unicode);
            w.WriteEndObject();
        }
        if (e.Classification is { } c)
        {
            StrArray(w, "categories", c.Categories);
            if (c.SearchEngine is not null || c.SearchTerms is not null)
            {
                w.WriteStartObject("search");
                Str(w, "engine", c.SearchEngine);
                Str(w, "terms", c.SearchTerms);
                w.WriteEndObject();
            }
            if (c.SafeguardingTheme is not null)
            {
                w.WriteStartObject("safeguarding");
                w.WriteString("theme", c.SafeguardingTheme);
                if (c.SafeguardingSeverity is { } severity) w.WriteNumber("severity", severity);
                Str(w, "matched", c.SafeguardingMatched);
                Str(w, "layer", c.SafeguardingLayer);
                if (c.SafeguardingScore is { } score) w.WriteNumber("score", score);
                Str(w, "evidence", c.SafeguardingEvidence);
                w.WriteEndObject();
            }
        }
        if (e.Attribution is { } a)
        {
            w.WriteStartObject("attribution");
            w.WriteString("source", a.Source);
            w.WriteNumber("confidence", a.Confidence);
            if (a.UnknownUser) w.WriteBoolean("unknown_user", true);
            w.WriteEndObject();
        }
        if (e.Finding is { } f)
        {
            w.WriteStartObject("finding");
            FindingJson.WriteProperties(w, f);
            w.WriteEndObject();
        }
        if (e.Policy is { } p)
        {
            w.WriteStartObject("policy");
            w.WriteString("verdict", p.Verdict);
            Str(w, "rule", p.Rule);
            Str(w, "clause", p.Clause);
            Str(w, "name", p.PolicyName);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
