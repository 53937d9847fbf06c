using System.Text;
using System.Text.Json;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Storage.Visits;

/// <summary>A visit's <see cref="Visit.PersonalTime"/> as the JSON of the visits table's personal_time column: [[start, end, working hours], ...], instants as Unix ticks.</summary>
internal static class PersonalTimeJson
{
    /// <summary>
    /// The JSON text, written by hand: the same text JsonSerializer gave for arrays of boxed values (PersonalTimeJsonTests
    /// hold the two to each other), at a fraction of its cost (a polymorphic serialization of three boxes per span, for
    /// the ~67,000 visits with personal time of 1,000,000 enriched lines).
    /// </summary>
    public static string? Write(IReadOnlyList<PersonalSpan> spans)
    {
        if (spans.Count == 0) return null;
        var text = new StringBuilder(2 + spans.Count * 48);
        text.Append('[');
        for (var i = 0; i < spans.Count; i++)
        {
            var s = spans[i];
            if (i > 0) text.Append(',');
            text.Append('[').Append(s.Start.ToUnixTimeTicks()).Append(',').Append(s.End.ToUnixTimeTicks()).Append(',')
                .Append(s.InWorkingHours ? "true" : "false").Append(']');
        }
        return text.Append(']').ToString();
    }

    public static IReadOnlyList<PersonalSpan> Read(string? json)
    {
        if (json is null) return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(a => new PersonalSpan(Instant.FromUnixTimeTicks(a[0].GetInt64()), Instant.FromUnixTimeTicks(a[1].GetInt64()), a[2].GetBoolean()))
            .ToList();
    }
}
