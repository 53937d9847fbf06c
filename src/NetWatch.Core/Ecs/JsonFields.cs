using System.Text.Json;

namespace NetWatch.Core.Ecs;

/// <summary>The ECS writers' rule for optional fields: an absent value is left out, not written as null.</summary>
internal static class JsonFields
{
    public static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }
}
