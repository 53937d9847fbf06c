using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Policy.Engine;
using NetWatch.Core.Policy.Parsing;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Reference;
using NodaTime;

namespace NetWatch.Benchmarks.Rollups;

/// <summary>
/// One live write session's worth of events as the store thread gets them at 50,000 lines/s (bench/live-lag.sh):
/// the first 123,700 lines of the bench's 1M-line log (<c>NETWATCH_COUNT_LOG</c>, default
/// /work/big/lead/squid-1000000.log, else the sample log), parsed, stamped 20 us apart from a school-day morning (the
/// live bench stamps each line with the time it writes it: a session's events fall in one hour), classified with the
/// shipped lists and judged by policy 000, as <c>netwatch run</c> with lists + policy 000 enriches them.
/// </summary>
internal static class LiveSessionEvents
{
    public const int Count = 123_700;

    public static NetEvent[] Load()
    {
        var root = RepoRoot();
        var log = Environment.GetEnvironmentVariable("NETWATCH_COUNT_LOG") is { Length: > 0 } given ? given
            : File.Exists("/work/big/lead/squid-1000000.log") ? "/work/big/lead/squid-1000000.log"
            : Path.Combine(root, "samples", "logs", "squid-native.log");
        var parser = LogFormats.CreateParser(LogFormats.SquidNative, new ParserOptions { TimeZone = DateTimeZone.Utc });
        var start = Instant.FromUtc(2026, 12, 7, 10, 0); // a Monday, in lessons
        var events = File.ReadLines(log).Take(Count)
            .Select((l, i) => parser.Parse(l, new EventOrigin("bench", i + 1)).Event)
            .OfType<NetEvent>()
            .Select((e, i) => e with { Timestamp = start + Duration.FromTicks(i * 200L) })
            .ToArray();
        var lists = new[] { Path.Combine(root, "data", "ut1"), Path.Combine(root, "data", "lists", "school-example") };
        new ClassificationEnricher(new UrlCategorizer(lists.Select(CategoryListLoader.LoadListSet).ToArray())).EnrichInPlace(events);
        var policy = Path.Combine(root, "policies", "000-local-authority.yaml");
        var parsed = PolicyParser.Parse(File.ReadAllText(policy), policy);
        if (!parsed.Success) throw new InvalidOperationException(string.Join("\n", parsed.Errors));
        new PolicyEngine(parsed.Policy!).EnrichInPlace(events);
        Console.WriteLine($"// {events.Length} events from {log}");
        return events;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetWatch.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("NetWatch.sln not found");
    }
}
