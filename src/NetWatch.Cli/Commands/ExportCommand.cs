using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetWatch.Cli.Arguments;
using NetWatch.Core.Ecs;
using NetWatch.Core.Naming;
using NetWatch.Storage.Contracts;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch export --store DIR [--from T] [--to T] [--user U] [--format ndjson|csv]</c>: events in
/// @timestamp then source order, as ECS documents (one per line) or CSV, on standard output.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var store = StoreReading.Options.Create();
        var from = new Option<string?>("--from") { Description = "First instant included: ISO-8601 with Z/offset, or school-local date or date-time" };
        var to = new Option<string?>("--to") { Description = "Instant excluded onwards (same forms as --from)" };
        var user = new Option<string?>("--user") { Description = "Only events attributed to this user (user.name, case-insensitive)" };
        var zone = new Option<string>("--zone") { Description = "Time zone of local --from/--to values", DefaultValueFactory = _ => "Europe/London" };
        var format = new Option<string>("--format") { Description = "ndjson (ECS documents) or csv", DefaultValueFactory = _ => "ndjson" };
        format.AcceptOnlyFromAmong("ndjson", "csv");
        var command = new Command("export", "Write stored events as ECS ndjson or CSV to standard output") { from, to, user, zone, format };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var tz = DateTimeZoneProviders.Tzdb.GetZoneOrNull(parse.GetValue(zone)!)
                ?? throw new UsageException($"--zone '{parse.GetValue(zone)}' is not a tz database zone id (e.g. Europe/London)");
            var query = new EventQuery
            {
                From = parse.GetValue(from) is { } f ? TimeArgument.Parse("--from", f, tz) : null,
                To = parse.GetValue(to) is { } t ? TimeArgument.Parse("--to", t, tz) : null,
                Person = parse.GetValue(user),
            };
            using var opened = StoreReading.Open(parse, store, "export", StoreReading.Filters(query));
            var written = 0L;
            var events = opened.Search.StreamAsync(query, CancellationToken.None).ToBlockingEnumerable()
                .Select(e => { written++; return e; });
            using (var stdout = Console.OpenStandardOutput())
            {
                if (parse.GetValue(format) == "csv") WriteCsv(stdout, events);
                else WriteNdjson(stdout, events);
            }
            return written == 0 && query.Person is { } name ? ExplainNoEvents(opened.Aggregates, name, tz) : CliRunner.Success;
        });
        return command;
    }

    /// <summary>Why --user selected nothing: an unknown name (a usage error) or no events of theirs in the range.</summary>
    private static int ExplainNoEvents(IAggregates aggregates, string name, DateTimeZone zone)
    {
        // The per-person aggregate holds what the message needs: every known name, and each one's count, first and last.
        var people = aggregates.AggregateAsync([new AggregateQuery { By = AggregateDimension.Person }], CancellationToken.None)
            .GetAwaiter().GetResult()[0].Rows.Where(r => r.Key != AggregateRow.NoValue).ToList();
        if (people.FirstOrDefault(r => r.Key!.Equals(name, StringComparison.OrdinalIgnoreCase)) is not { } person)
        {
            Console.Error.WriteLine($"netwatch: no person named '{name}' is known: no event in this store is attributed to them"
                + ClosestNames.Suggestion(name, people.Select(r => r.Key!)));
            return CliRunner.BadUsage;
        }
        string Local(Instant? i) => i!.Value.InZone(zone).ToString("uuuu-MM-dd HH:mm", null);
        Console.Error.WriteLine($"netwatch: {person.Key} has no events in the range (their {person.Requests} event{(person.Requests == 1 ? "" : "s")} "
            + $"run from {Local(person.First)} to {Local(person.Last)}, {zone.Id})");
        return CliRunner.Success;
    }

    public static void WriteNdjson(Stream output, IEnumerable<Core.Events.NetEvent> events)
    {
        using var buffered = new BufferedStream(output, 1 << 16);
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var writer = new Utf8JsonWriter(buffered, options);
        foreach (var e in events)
        {
            EcsJsonWriter.Write(writer, e);
            writer.Flush();
            writer.Reset();
            buffered.WriteByte((byte)'\n');
        }
    }

    private static void WriteCsv(Stream output, IEnumerable<Core.Events.NetEvent> events)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16) { NewLine = "\r\n" };
        EcsCsvWriter.WriteHeader(writer);
        foreach (var e in events) EcsCsvWriter.Write(writer, e);
    }
}
