using System.Text.Json;
using NetWatch.Core.Ecs;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Audit;

namespace NetWatch.Api.Routes;

/// <summary>The JSON properties of a visit and of an audit record, as the API's answers and the subject-access export write them.</summary>
public static class RecordJson
{
    public static void WriteVisit(Utf8JsonWriter w, Visit v)
    {
        w.WriteString("person", v.Person);
        if (v.Role is not null) w.WriteString("role", v.Role);
        w.WriteString("domain", v.Domain);
        w.WriteString("start", EcsJsonWriter.FormatInstant(v.Start));
        w.WriteString("end", EcsJsonWriter.FormatInstant(v.End));
        w.WriteNumber("duration_seconds", v.Duration.TotalSeconds);
        w.WriteNumber("events", v.EventCount);
        w.WriteStartArray("categories");
        foreach (var c in v.Categories) w.WriteStringValue(c);
        w.WriteEndArray();
        if (v.Verdict is not null) w.WriteString("verdict", v.Verdict);
        if (v.PolicyName is not null) w.WriteString("policy", v.PolicyName);
        w.WriteString("first_event_id", v.FirstEventId.ToString());
    }

    public static void WriteAudit(Utf8JsonWriter w, StoredAuditRecord stored)
    {
        var (sequence, r) = stored;
        w.WriteNumber("sequence", sequence);
        w.WriteString("at", EcsJsonWriter.FormatInstant(r.At));
        w.WriteString("actor", r.Actor);
        w.WriteString("action", r.Action);
        if (r.Purpose is not null) w.WriteString("purpose", r.Purpose);
        if (r.Query is not null) w.WriteString("query", r.Query);
        if (r.School is not null) w.WriteString("school", r.School);
        if (r.Rows is { } rows) w.WriteNumber("rows", rows);
        w.WriteString("outcome", r.Outcome);
    }
}
