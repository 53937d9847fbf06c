using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Web.Pages.Ict;

/// <summary>
/// What a retention run deleted, as the ICT page says it ("events older than 12 months (before Tue 2 Dec 2025 20:34),
/// rule default") from its audit record's query (JSON: before, kind, period, rule); a query it cannot read is shown as
/// it is, so nothing recorded is hidden.
/// </summary>
public static class RetentionRunText
{
    public static string Describe(string? query, DateTimeZone zone)
    {
        if (string.IsNullOrWhiteSpace(query)) return "";
        try
        {
            using var doc = JsonDocument.Parse(query);
            var root = doc.RootElement;
            string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (Text("kind") is not { } kind) return query;
            var text = kind.Replace('_', ' ');
            if (Text("period") is { } period) text += " older than " + period;
            if (Text("before") is { } before && InstantPattern.ExtendedIso.Parse(before) is { Success: true } at)
                text += $" (before {Display.When(at.Value, zone)})";
            if (Text("rule") is { } rule) text += ", rule " + rule;
            return text;
        }
        catch (JsonException)
        {
            return query;
        }
    }
}
