using System.Text.Json;
using static NetWatch.Core.Ecs.JsonFields;
using NetWatch.Core.Events;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Ecs;

/// <summary>
/// A <see cref="Finding"/> as the JSON object of <c>netwatch.finding</c>: written nested into exported
/// ECS documents, and kept as text in the store's netwatch_finding column.
/// </summary>
public static class FindingJson
{
    public static void WriteProperties(Utf8JsonWriter w, Finding f)
    {
        w.WriteString("kind", f.Kind);
        w.WriteString("description", f.Description);
        Str(w, "related_user", f.RelatedUser);
        Str(w, "credential_user", f.CredentialUser);
        Str(w, "related_device", f.RelatedDevice);
        Str(w, "related_ip", f.RelatedIp);
        Str(w, "related_mac", f.RelatedMac);
        w.WriteString("start", EcsInstant.Format(f.Start));
        if (f.End is { } end) w.WriteString("end", EcsInstant.Format(end));
        w.WriteNumber("event_count", f.EventCount);
        w.WriteNumber("bytes", f.Bytes);
        Str(w, "evidence", f.Evidence);
    }

    public static string Serialize(Finding f)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteProperties(w, f);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Finding Deserialize(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        string? S(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        Instant? T(string name) => S(name) is { } t ? InstantPattern.ExtendedIso.Parse(t).Value : null;
        return new Finding
        {
            Kind = S("kind")!,
            Description = S("description") ?? "",
            RelatedUser = S("related_user"),
            CredentialUser = S("credential_user"),
            RelatedDevice = S("related_device"),
            RelatedIp = S("related_ip"),
            RelatedMac = S("related_mac"),
            Start = T("start")!.Value,
            End = T("end"),
            EventCount = r.TryGetProperty("event_count", out var c) ? c.GetInt64() : 0,
            Bytes = r.TryGetProperty("bytes", out var b) ? b.GetInt64() : 0,
            Evidence = S("evidence"),
        };
    }
}
