using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NetWatch.Api.Routes;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Api.Privacy;

/// <summary>
/// Everything the store holds about one person (UK GDPR Article 15), as a zip: <c>events.ndjson</c> and
/// <c>findings.ndjson</c> (ECS documents whose user.name is the person), <c>visits.ndjson</c>, one file per further kind
/// (<see cref="ISubjectRecords"/>: alerts), <c>audit.ndjson</c> (the audit records of reads and changes that named the
/// person, one of their pseudonyms or one of their events: who looked at their data), and <c>summary.md</c>, readable.
/// Nothing about anybody else: every record is selected by the person's name (or their own events' ids).
/// </summary>
public sealed class SubjectAccessExport(IEventSearch search, IAuditLog audit, IEnumerable<ISubjectRecords> others, IClock clock)
{
    public const string SummaryFile = "summary.md";
    private const int TopSites = 20;

    /// <summary>Writes the zip to <paramref name="output"/> (left open); returns what it holds.</summary>
    public async Task<SubjectAccessResult> WriteAsync(SubjectAccessRequest request, Stream output, CancellationToken cancel)
    {
        var at = clock.GetCurrentInstant();
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sites = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var parts = new List<SubjectAccessPart>
        {
            await EventsAsync(zip, "events", new EventQuery { Person = request.Person, School = request.School, Findings = false }, ids, sites, cancel),
            await EventsAsync(zip, "findings", new EventQuery { Person = request.Person, School = request.School, Findings = true }, ids, null, cancel),
        };
        if (request.IncludeVisits)
        {
            var visits = await search.VisitsAsync(null, null, request.Person, cancel);
            parts.Add(Write(zip, "visits", visits.Select(v => (v.Start, Json(w => RecordJson.WriteVisit(w, v))))));
        }
        else parts.Add(new SubjectAccessPart("visits", "", 0, Note: "not included: visits are not kept per school yet, so only a trust-wide account can export them"));
        foreach (var kind in others)
        {
            var records = new List<(Instant, string)>();
            await foreach (var r in kind.ForPersonAsync(request.Person, request.School, cancel)) records.Add((r.At, r.Json));
            parts.Add(Write(zip, kind.Kind, records));
        }
        var readers = (await audit.ReadAsync(new AuditQuery(), cancel))
            .Where(r => request.School is null || string.Equals(r.Record.School, request.School, StringComparison.OrdinalIgnoreCase))
            .Where(r => Concerns(r.Record, request, ids)).ToList();
        parts.Add(Write(zip, "audit", readers.Select(r => (r.Record.At, Json(w => RecordJson.WriteAudit(w, r))))) with { Kind = "audit records (who looked)" });

        var result = new SubjectAccessResult(parts, [.. sites.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(TopSites)], readers);
        var entry = zip.CreateEntry(SummaryFile, CompressionLevel.Optimal);
        await using (var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false)))
            await writer.WriteAsync(SubjectAccessSummary.ToMarkdown(request, result, at));
        return result;
    }

    /// <summary>Whether an audit record names the person (any filter value), one of their aliases, or one of their events.</summary>
    private static bool Concerns(AuditRecord record, SubjectAccessRequest request, HashSet<string> eventIds)
    {
        if (record.Query is not { Length: > 0 } query) return false;
        try
        {
            using var json = JsonDocument.Parse(query);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return false;
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String) continue;
                var value = property.Value.GetString()!;
                if (string.Equals(value, request.Person, StringComparison.OrdinalIgnoreCase)
                    || request.Aliases.Contains(value, StringComparer.OrdinalIgnoreCase) || eventIds.Contains(value)) return true;
            }
        }
        catch (JsonException) { }
        return false;
    }

    private async Task<SubjectAccessPart> EventsAsync(ZipArchive zip, string kind, EventQuery query, HashSet<string> ids,
        Dictionary<string, long>? sites, CancellationToken cancel)
    {
        var entry = zip.CreateEntry(kind + ".ndjson", CompressionLevel.Optimal);
        long count = 0;
        Instant? first = null, last = null;
        await using var stream = entry.Open();
        await using var json = new Utf8JsonWriter(stream, JsonAnswer.WriterOptions);
        await foreach (var e in search.StreamAsync(query, cancel))
        {
            EcsJsonWriter.Write(json, e);
            json.Flush();
            json.Reset();
            stream.WriteByte((byte)'\n');
            ids.Add(e.Id.ToString());
            count++;
            first ??= e.Timestamp;
            last = e.Timestamp;
            if (sites is not null && (e.Url.RegisteredDomain ?? e.Url.Domain) is { } site) sites[site] = sites.GetValueOrDefault(site) + 1;
        }
        return new SubjectAccessPart(kind, entry.FullName, count, first, last);
    }

    private static SubjectAccessPart Write(ZipArchive zip, string kind, IEnumerable<(Instant At, string Json)> records)
    {
        var entry = zip.CreateEntry(kind + ".ndjson", CompressionLevel.Optimal);
        long count = 0;
        Instant? first = null, last = null;
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var (at, json) in records)
        {
            writer.WriteLine(json);
            count++;
            if (first is null || at < first) first = at;
            if (last is null || at > last) last = at;
        }
        return new SubjectAccessPart(kind, entry.FullName, count, first, last);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonAnswer.WriterOptions))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
