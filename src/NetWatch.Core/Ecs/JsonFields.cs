using System.Text.Json;

namespace NetWatch.Core.Ecs;

/// <summary>The ECS writers' rule for optional fields: an absent value or an empty list is left out, not written as null.</summary>
internal static class JsonFields
{
    public static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    public static void StrArray(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0) return;
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
