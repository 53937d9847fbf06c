using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Web.Pages.Auditor;

/// <summary>
/// What an audit record's query asked for, as the audit log page says it ("Person: pupil.y7.ford; From: Mon 2 Nov 2026
/// 00:00; Site: kahoot.it") instead of its JSON ({"domain":"kahoot.it","from":"2026-11-02T00:00:00Z",...}). The query is
/// a JSON object of the API's parameter names (or a page's: view, week) to strings; the parameters are named in words,
/// instants are written in the school's time, and anything it does not know keeps its own name. A query it cannot read
/// is shown as recorded, so nothing recorded is hidden.
/// </summary>
public static class AuditFiltersText
{
    /// <summary>Parameter names as people say them, in the order a reader looks for them: who, when, what, how.</summary>
    private static readonly (string Name, string Label)[] Known =
    [
        ("person", "Person"), ("pseudonym", "Pseudonym"), ("ip", "Address"), ("actor", "Account"), ("role", "Role"),
        ("group", "Group"), ("school", "School"),
        ("from", "From"), ("to", "Until"), ("at", "At"), ("week", "Week of"), ("term", "Term"),
        ("domain", "Site"), ("url", "Web address contains"), ("category", "Category"), ("verdict", "Verdict"),
        ("theme", "Theme"), ("min_severity", "Severity at least"), ("search", "Search terms contain"),
        ("action", "Action"), ("kind", "Kind"), ("findings", "Findings only"), ("status", "Status"), ("id", "Record"),
        ("view", "Page"), ("by", "By"), ("bucket", "Per"), ("top", "Top"), ("format", "Format"), ("dataset", "Data"),
        ("method", "Sign-in"), ("issuer", "Provider"), ("reason", "Reason"),
    ];

    private static readonly Dictionary<string, int> Rank = Known.Select((k, i) => (k.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

    public static string Describe(string? query, DateTimeZone zone)
    {
        if (string.IsNullOrWhiteSpace(query)) return "";
        try
        {
            using var doc = JsonDocument.Parse(query);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return query;
            var parts = new List<(int Rank, string Name, string Text)>();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText();
                var known = Rank.TryGetValue(property.Name, out var rank);
                var label = known ? Known[rank].Label : property.Name.Replace('_', ' ');
                parts.Add((known ? rank : int.MaxValue, property.Name, $"{label}: {Value(property.Name, value, zone)}"));
            }
            return string.Join("; ", parts.OrderBy(p => p.Rank).ThenBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Text));
        }
        catch (JsonException)
        {
            return query;
        }
    }

    private static string Value(string name, string value, DateTimeZone zone) => name switch
    {
        "verdict" => Display.Verdict(value),
        "findings" => value == "true" ? "yes" : value == "false" ? "no" : value,
        _ when InstantPattern.ExtendedIso.Parse(value) is { Success: true } at => Display.When(at.Value, zone),
        _ => value,
    };
}
