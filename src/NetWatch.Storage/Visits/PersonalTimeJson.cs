using System.Buffers.Text;
using System.Text.Json;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Storage.Visits;

/// <summary>A visit's <see cref="Visit.PersonalTime"/> as the JSON of the visits table's personal_time column: [[start, end, working hours], ...], instants as Unix ticks.</summary>
internal static class PersonalTimeJson
{
    /// <summary>The most UTF-8 bytes a span takes: "[" tick "," tick "," false "]" and the "," before it (a tick is at most 20
    /// characters: a long with its sign).</summary>
    private const int MaxBytesPerSpan = 1 + 20 + 1 + 20 + 1 + 5 + 1 + 1;

    /// <summary>The most UTF-8 bytes <see cref="WriteUtf8"/> writes for <paramref name="spans"/> spans (the outer brackets too).</summary>
    public static int MaxBytes(int spans) => 2 + spans * MaxBytesPerSpan;

    /// <summary>
    /// The JSON as UTF-8 into <paramref name="into"/> (at least <see cref="MaxBytes"/> of <see cref="IVisitView.PersonalSpansAtMost"/>
    /// long; spans not empty), returning its length: written by hand, the same text JsonSerializer gave for arrays of boxed
    /// values (PersonalTimeJsonTests hold the two to each other), and straight into the visits write's chunk
    /// (<see cref="VisitRowWriter.Append"/>): the string and its builder were most of what the live service's visits write
    /// allocated (870 MB in the 50,000 lines/s bench). The spans are read one by one (<see cref="IVisitView.NextPersonalSpan"/>):
    /// an open visit's are never listed.
    /// </summary>
    public static int WriteUtf8(IVisitView visit, Span<byte> into)
    {
        var at = 0;
        var cursor = 0;
        into[at++] = (byte)'[';
        for (var first = true; visit.NextPersonalSpan(ref cursor, out var s); first = false)
        {
            if (!first) into[at++] = (byte)',';
            into[at++] = (byte)'[';
            at += Ticks(s.Start, into[at..]);
            into[at++] = (byte)',';
            at += Ticks(s.End, into[at..]);
            into[at++] = (byte)',';
            var flag = s.InWorkingHours ? "true"u8 : "false"u8;
            flag.CopyTo(into[at..]);
            at += flag.Length;
            into[at++] = (byte)']';
        }
        into[at++] = (byte)']';
        return at;
    }

    private static int Ticks(Instant instant, Span<byte> into)
    {
        if (!Utf8Formatter.TryFormat(instant.ToUnixTimeTicks(), into, out var written))
            throw new InvalidOperationException("no room for a tick count");
        return written;
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
