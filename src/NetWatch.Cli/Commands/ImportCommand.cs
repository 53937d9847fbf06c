using System.CommandLine;
using System.Diagnostics;
using NetWatch.Cli.Output;
using NetWatch.Core.UrlClassification;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NetWatch.Pipeline;
using NetWatch.Storage;
using NodaTime;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch import --store DIR [--format F] [--lists DIR]... FILE...</c>: parse log files into the store; with
/// <c>--lists</c> each event is classified (netwatch.categories, netwatch.search.*, netwatch.safeguarding.*).
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var store = CommonOptions.Store();
        var format = new Option<string?>("--format")
        {
            Description = $"Log format of every FILE (default: detected from each file's first lines). One of: {string.Join(", ", ParserSelection.FormatNames)}",
        };
        var files = new Argument<string[]>("FILE") { Description = "Log files, plain or gzip-compressed", Arity = ArgumentArity.OneOrMore };
        var lists = ListsOption.Create(required: false);
        var attribution = new AttributionArguments();
        var policy = PolicyOption.Create("Judge every event against this acceptable-use policy file (sets netwatch.policy.*)");
        var semantic = SemanticOption.Create();
        var examples = SemanticOption.Examples();
        var command = new Command("import", "Parse log files into the store; prints per-file counts") { store, format, lists, files, policy, semantic, examples };
        foreach (var option in attribution.All) command.Options.Add(option);
        command.SetAction(async (parse, cancel) =>
        {
            var sources = parse.GetValue(files)!
                .Select(path => new ImportSource(path, ParserSelection.Resolve(path, parse.GetValue(format))))
                .ToList();
            var enrichers = new List<IEventEnricher>();
            // Attribution runs first: classification and policy judge the person it names.
            if (attribution.Load(parse, Console.Error) is { } attributor) enrichers.Add(attributor);
            if (parse.GetValue(lists) is { Length: > 0 } listDirs)
                enrichers.Add(SemanticOption.Enricher(ListsOption.Load(listDirs), parse.GetValue(semantic), parse.GetValue(examples)));
            // the policy judges categories and roles, so it runs after every other enricher
            var engine = PolicyOption.Load(parse, policy, parse.GetValue(lists), parse.GetValue(attribution.Directory));
            if (engine is not null) enrichers.Add(engine);
            return await RunAsync(parse.GetValue(store)!, sources, enrichers, cancel,
                engine is null ? null : new VisitSettings(engine.Policy.TimeZone, VisitAggregator.DefaultIdleGap));
        });
        return command;
    }

    /// <summary>How to recompute visits (time on site) after the import: only when a policy judges the events.</summary>
    public sealed record VisitSettings(DateTimeZone Zone, Duration IdleGap);

    public static async Task<int> RunAsync(string storeDir, IReadOnlyList<ImportSource> sources, IReadOnlyList<IEventEnricher> enrichers,
        CancellationToken cancel, VisitSettings? visits = null)
    {
        var clock = SystemClock.Instance;
        var started = clock.GetCurrentInstant();
        var stopwatch = Stopwatch.StartNew();
        using var store = EventStore.Open(storeDir);
        var pipeline = new ImportPipeline(new DuckDbEventSink(store), enrichers, clock);
        var stats = await ImportProgress.RunAsync(sources, () => pipeline.RunAsync(sources, cancel));
        stopwatch.Stop();
        var finished = clock.GetCurrentInstant();
        foreach (var source in sources)
        {
            var s = stats[source.Path];
            store.RecordImport(new ImportRecord(source.Path, source.Parser.Format, started, finished,
                s.LinesRead, s.EventsStored, s.Duplicates, s.DeadLetters));
        }
        ImportReport.Write(Console.Out, sources, stats, stopwatch.Elapsed);
        if (stats.TryGetValue(Pipeline.Stages.EnrichStage.FlushSource, out var flushed))
            AttributionArguments.Report(Console.Out, enrichers.OfType<IFlushingEnricher>().SelectMany(f => f.Flush()).ToList(), flushed.EventsStored);
        if (visits is not null)
        {
            var count = VisitRefresh.ForSources(store, sources.Select(s => s.Path).ToList(), visits.Zone, visits.IdleGap);
            Console.Out.WriteLine($"visits: {count} on the days these files cover (idle gap {visits.IdleGap.TotalMinutes:0} min)");
        }
        return ImportReport.CutShort(stats) > 0 ? CliRunner.RuntimeFailure : CliRunner.Success;
    }
}
