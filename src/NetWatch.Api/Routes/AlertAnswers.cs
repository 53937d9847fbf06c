using System.Text.Json;
using NetWatch.Core.Alerts;
using NetWatch.Core.Ecs;
using NetWatch.Storage.Contracts.Alerts;

namespace NetWatch.Api.Routes;

/// <summary>Alerts, their evidence, deliveries and suppressions as the triage API writes them (snake_case JSON).</summary>
public static class AlertAnswers
{
    public static void Summary(Utf8JsonWriter w, Alert a)
    {
        w.WriteString("id", a.Id);
        w.WriteString("school", a.School);
        w.WriteStartObject("subject");
        if (a.Subject.Person is not null) w.WriteString("person", a.Subject.Person);
        if (a.Subject.Role is not null) w.WriteString("role", a.Subject.Role);
        if (a.Subject.Group is not null) w.WriteString("group", a.Subject.Group);
        if (a.Subject.Device is not null) w.WriteString("device", a.Subject.Device);
        if (a.Subject.Ip is not null) w.WriteString("ip", a.Subject.Ip);
        w.WriteEndObject();
        w.WriteString("theme", a.Theme);
        w.WriteNumber("severity", a.Severity);
        w.WriteString("first_seen", EcsJsonWriter.FormatInstant(a.FirstSeen));
        w.WriteString("last_seen", EcsJsonWriter.FormatInstant(a.LastSeen));
        w.WriteNumber("count", a.Count);
        w.WriteNumber("version", a.Version);
        w.WriteString("status", AlertNames.Of(a.Status));
        if (a.Outcome is { } o) w.WriteString("outcome", AlertNames.Of(o));
        if (a.Assignee is not null) w.WriteString("assignee", a.Assignee);
    }

    public static void Full(Utf8JsonWriter w, Alert a, IReadOnlyList<Delivery> deliveries)
    {
        Summary(w, a);
        w.WriteStartArray("evidence");
        foreach (var e in a.Evidence)
        {
            w.WriteStartObject();
            w.WriteString("event_id", e.EventId.ToString());
            w.WriteString("at", EcsJsonWriter.FormatInstant(e.At));
            if (e.Url is not null) w.WriteString("url", e.Url);
            if (e.SearchTerms is not null) w.WriteString("search_terms", e.SearchTerms);
            if (e.Matched is not null) w.WriteString("matched", e.Matched);
            w.WriteStartArray("categories");
            foreach (var c in e.Categories) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteNumber("severity", e.Severity);
            w.WriteString("rule", e.Rule);
            w.WriteString("clause", e.Clause);
            if (e.PolicyRule is not null) w.WriteString("policy_rule", e.PolicyRule);
            if (e.PolicyClause is not null) w.WriteString("policy_clause", e.PolicyClause);
            if (e.Explanation is not null) w.WriteString("explanation", e.Explanation);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("event_ids");
        foreach (var id in a.EventIds) w.WriteStringValue(id.ToString());
        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var n in a.Notes)
        {
            w.WriteStartObject();
            w.WriteString("at", EcsJsonWriter.FormatInstant(n.At));
            w.WriteString("author", n.Author);
            w.WriteString("text", n.Text);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("deliveries");
        foreach (var d in deliveries)
        {
            w.WriteStartObject();
            w.WriteNumber("version", d.Version);
            w.WriteString("reason", d.Reason);
            w.WriteString("channel", d.Channel);
            w.WriteString("recipient", d.Recipient);
            w.WriteNumber("attempts", d.Attempts);
            if (d.DeliveredAt is { } at) w.WriteString("delivered_at", EcsJsonWriter.FormatInstant(at));
            if (d.LastError is not null) w.WriteString("last_error", d.LastError);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void Suppression(Utf8JsonWriter w, Suppression s)
    {
        w.WriteString("id", s.Id);
        if (s.School is not null) w.WriteString("school", s.School);
        if (s.Phrase is not null) w.WriteString("phrase", s.Phrase);
        if (s.Site is not null) w.WriteString("site", s.Site);
        if (s.SearchTerm is not null) w.WriteString("search_term", s.SearchTerm);
        if (s.Reason is not null) w.WriteString("reason", s.Reason);
        if (s.AlertId is not null) w.WriteString("alert_id", s.AlertId);
        w.WriteString("created_by", s.CreatedBy);
        w.WriteString("created_at", EcsJsonWriter.FormatInstant(s.CreatedAt));
        w.WriteBoolean("active", s.Active);
        if (s.RevokedBy is not null) w.WriteString("revoked_by", s.RevokedBy);
        if (s.RevokedAt is { } r) w.WriteString("revoked_at", EcsJsonWriter.FormatInstant(r));
    }
}
