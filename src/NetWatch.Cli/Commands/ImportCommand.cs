using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using NetWatch.Cli.Output;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Sources.File;
using NetWatch.Storage.Contracts;
using NetWatch.Storage.Contracts.Audit;
using NodaTime;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch import --store DIR [--format F] [--lists DIR]... [--policy F] [--school NAME] [--semantic [--safeguarding-examples F]...] FILE...</c>: the same
/// pipeline as <c>netwatch run --once</c> (<see cref="Ingestion"/>) over these files, each read whole from its start
/// (so importing a file again finds its events already stored). This command only turns its flags into that
/// configuration and prints what happened per file. An empty file is skipped and reported; a file whose format cannot
/// be told is reported with the reason while the others are imported (exit 1 then).
/// </summary>
internal static class ImportCommand
{
    private const int DetectionLines = 20;

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
        var school = new Option<string?>("--school")
        {
            Description = "The school these logs belong to: organization.name = NAME, organization.id = NAME lower-cased, other characters as '-'",
        };
        var semantic = SemanticOption.Create();
        var examples = SemanticOption.Examples();
        var memory = new Option<string?>("--memory")
        {
            Description = "Memory the import may use, such as 2GB: 30% for the store's cache, 15% for the batches in flight (default 1GB)",
        };
        var command = new Command("import", "Parse log files into the store; prints per-file counts") { store, format, lists, files, policy, school, semantic, examples, memory };
        foreach (var option in attribution.All) command.Options.Add(option);
        command.SetAction(async (parse, cancel) =>
        {
            var given = parse.GetValue(format);
            if (given is not null && !LogFormats.IsKnown(given))
                throw new UsageException($"--format '{given}' is not a known format; known formats: {string.Join(", ", LogFormats.Names)}");
            if (parse.GetValue(semantic) && parse.GetValue(lists) is not { Length: > 0 })
                throw new UsageException("--semantic needs --lists (it refines the classification stage's safeguarding detection)");
            if (parse.GetValue(examples) is { Length: > 0 } && !parse.GetValue(semantic))
                throw new UsageException("--safeguarding-examples needs --semantic");
            MemoryBudget? budget = null;
            if (parse.GetValue(memory) is { } size && (budget = MemoryBudget.Parse(size, out var sizeError)) is null)
                throw new UsageException($"--memory {sizeError}");
            var organization = parse.GetValue(school) is { Length: > 0 } name ? School.FromName(name) : null;
            var sources = new List<FileSourceSettings>();
            var problems = new List<string>();
            foreach (var path in parse.GetValue(files)!)
            {
                if (!File.Exists(path)) throw new UsageException($"FILE '{path}' does not exist");
                if (!IsRegularFile(path))
                    throw new UsageException($"FILE '{path}' is a pipe or a device, not a file: import reads each file from its start and records its position, so save the stream to a file first (a .gz file is read as it is)");
                if (new FileInfo(path).Length == 0)
                {
                    Console.Out.WriteLine($"{path}: empty, skipped");
                    continue;
                }
                if (FormatOf(path, given, out var reason) is { } detected)
                    sources.Add(new FileSourceSettings(path, path, detected) { Whole = true, School = organization });
                else problems.Add($"{path}: cannot tell the log format ({reason}); give it with --format, one of: {string.Join(", ", LogFormats.Names)}");
            }
            var config = new ServiceConfig(parse.GetValue(store)!, sources, JsonLogs: false, Once: true)
            {
                Lists = parse.GetValue(lists) ?? [],
                Policy = parse.GetValue(policy),
                Semantic = parse.GetValue(semantic),
                SafeguardingExamples = parse.GetValue(examples) ?? [],
                Attribution = attribution.Settings(parse),
                AttributionReload = Duration.FromDays(1),
                School = organization,
                // Every import works in a budget (1GB unless told): without one an enriched import peaked at 2.2 GB and a
                // plain one at 0.9-1.35 GB (DuckDB's own 1 GB cache and batches of ~127,000 events).
                Memory = budget ?? MemoryBudget.ImportDefault,
            };
            var code = sources.Count == 0 ? CliRunner.Success : await RunAsync(config, cancel);
            foreach (var problem in problems) Console.Error.WriteLine($"netwatch: {problem}");
            return problems.Count > 0 ? CliRunner.RuntimeFailure : code;
        });
        return command;
    }

    private static bool IsRegularFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return stream.CanSeek;
    }

    /// <summary>The format given, else the one detected from the file's first lines (null, with the reason, when it cannot be told).</summary>
    private static string? FormatOf(string path, string? given, out string? reason)
    {
        reason = null;
        if (given is not null) return given;
        var detection = FormatDetector.Detect(LogFile.FirstLines(path, DetectionLines));
        reason = detection.Reason;
        return detection.Format;
    }

    private static async Task<int> RunAsync(ServiceConfig config, CancellationToken cancel)
    {
        using var samples = MemorySamples.Start();   // NETWATCH_MEMORY_SAMPLES: what the memory is made of, each second
        using var gcEvents = GcEvents.Start();         // NETWATCH_GC_EVENTS: why the runtime collected, what it allocated
        var clock = SystemClock.Instance;
        var started = clock.GetCurrentInstant();
        var files = config.Sources.Cast<FileSourceSettings>().ToList();
        var stats = files.ToDictionary(s => s.Name, _ => new SourceStats());
        Ingestion ingestion;
        var prepare = PhaseTimes.Start();
        try
        {
            ingestion = Ingestion.Prepare(config, new IngestionOptions
            {
                Clock = clock,
                Abort = cancel,
                Warn = message => Console.Error.WriteLine($"netwatch: warning: {message}"),
            });
        }
        catch (ReferenceDataException ex)
        {
            throw new UsageException(ex.Setting switch
            {
                "attribution" => "bad attribution data:" + Environment.NewLine + ex.Message,
                "lists" => $"--lists: {ex.Message}",
                "safeguarding_examples" => $"--safeguarding-examples: {ex.Message}",
                _ => ex.Message,
            });
        }
        catch (ConfigException ex) { throw new UsageException(ex.Message); }
        PhaseTimes.Add("reference data and files (prepare)", prepare);
        var stopwatch = Stopwatch.StartNew(); // the pipeline's time, after the reference data is loaded
        using (ingestion)
        {
            await ImportProgress.RunAsync(files, () => ingestion.RunAsync(stored => Count(stats, stored), cancel,
                store => Audit(store, files, stats, started, clock)));
        }
        stopwatch.Stop();
        if (PhaseTimes.Enabled) PhaseOutput.Write();
        if (gcEvents is not null) Console.Error.WriteLine(gcEvents.Report());
        foreach (var file in files) stats[file.Name].CompressedEndsEarlyAfterLines = file.CompressedEndsEarlyAfterLines;
        ImportReport.Write(Console.Out, files, stats, stopwatch.Elapsed);
        RetentionNote.Write(Console.Out, stats.Values, ConfiguredStore.LoadPolicy(config.Policy), clock.GetCurrentInstant());
        if (ingestion.Findings is { } findings)
            AttributionArguments.Report(Console.Out, findings.Found, findings.StoredNew);
        if (ingestion.Visits is { } visits)
            Console.Out.WriteLine($"visits: {visits.Written} on the days these files cover (idle gap {ingestion.VisitIdleGap.TotalMinutes:0} min)");
        return ImportReport.CutShort(stats) > 0 ? CliRunner.RuntimeFailure : CliRunner.Success;
    }

    private static void Count(Dictionary<string, SourceStats> stats, StoredBatch stored)
    {
        if (stats.TryGetValue(stored.Batch.Source, out var s)) s.Add(stored.Batch, stored.Stored);
    }

    /// <summary>Each file's import, in the store's audit log (what was loaded, when, with what result).</summary>
    private static async Task Audit(IStore store, IReadOnlyList<FileSourceSettings> files, Dictionary<string, SourceStats> stats, Instant started, IClock clock)
    {
        foreach (var file in files)
        {
            var s = stats[file.Name];
            await store.Audit.AppendAsync(new AuditRecord
            {
                At = clock.GetCurrentInstant(),
                Actor = "os:" + Environment.UserName,
                Action = "import",
                Query = JsonSerializer.Serialize(new { file = file.Path, format = file.Format, started = started.ToString(), s.LinesRead, s.EventsStored, s.Duplicates, s.DeadLetters }),
                School = file.School?.Id,
                Rows = s.EventsStored,
            }, CancellationToken.None);
        }
    }
}
