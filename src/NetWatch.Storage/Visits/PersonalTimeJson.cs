using System.Text.Json;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Storage.Visits;

/// <summary>A visit's <see cref="Visit.PersonalTime"/> as the JSON of the visits table's personal_time column: [[start, end, working hours], ...], instants as Unix ticks.</summary>
internal static class PersonalTimeJson
{
    public static string? Write(IReadOnlyList<PersonalSpan> spans) =>
        spans.Count == 0 ? null : JsonSerializer.Serialize(spans.Select(s => new object[] { s.Start.ToUnixTimeTicks(), s.End.ToUnixTimeTicks(), s.InWorkingHours }));

    public static IReadOnlyList<PersonalSpan> Read(string? json)
    {
        if (json is null) return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(a => new PersonalSpan(Instant.FromUnixTimeTicks(a[0].GetInt64()), Instant.FromUnixTimeTicks(a[1].GetInt64()), a[2].GetBoolean()))
            .ToList();
    }
}
