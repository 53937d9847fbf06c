using System.Diagnostics;
using NetWatch.Pipeline;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Sources.File;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests;

/// <summary>
/// An enriched import keeps its write session open across batches until it has stored a row group of new events
/// (<see cref="PipelineOptions.SessionEvents"/>), cutting a batch where they reach it. Where the sessions are cut must
/// change nothing stored: the same events, dead letters, visits and alerts as an import that commits once.
/// </summary>
public sealed class ImportSessionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string Policy = RepoFiles.Path("policies", "000-local-authority.yaml");
    private static readonly string[] Lists = [RepoFiles.Path("data", "ut1"), RepoFiles.Path("data", "lists", "school-example")];

    private string Generate(int lines) => SharedData.GenerateSquidLog(_dir.File("access.log"), lines, seed: 5);

    /// <summary>The import's pipeline in this process, its sessions committed every <paramref name="sessionEvents"/> new events.</summary>
    private static async Task ImportAsync(string store, string log, int sessionEvents)
    {
        var config = new ServiceConfig(store, [new FileSourceSettings(log, log, "squid-native") { Whole = true }], JsonLogs: false, Once: true)
        {
            Lists = Lists,
            Policy = Policy,
        };
        var options = new IngestionOptions { Pipeline = new PipelineOptions { BlockChars = 1 << 14, MaxEventsPerWrite = 1500, SessionEvents = sessionEvents } };
        using var ingestion = Ingestion.Prepare(config, options);
        await ingestion.RunAsync(_ => { }, CancellationToken.None);
    }

    /// <summary>A Squid native line's time (seconds since the epoch) and who went where (user, else address; the URL's host).</summary>
    private static double Time(string line) => double.Parse(line.Split(' ', 2)[0], System.Globalization.CultureInfo.InvariantCulture);

    private static (string Person, string Host)? Visitor(string line)
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 8) return null; // the generator's malformed lines (dead letters)
        var url = f[6];
        var host = url.Contains("://") ? Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : null : url.Split(':')[0];
        return host is null ? null : (f[7] != "-" ? f[7] : f[2], host);
    }

    private static readonly string[] Contents =
    [
        "SELECT count(*) || ' ' || count(DISTINCT id) FROM events",
        "SELECT count(*) || ' ' || count(DISTINCT id) FROM dead_letters",
        """SELECT string_agg(person || '|' || domain || '|' || "start" || '|' || "end" || '|' || event_count || '|' || coalesce(verdict, '') || '|' || first_event_id, chr(10) ORDER BY first_event_id) FROM visits""",
        """SELECT string_agg(id || '|' || severity || '|' || first_seen || '|' || last_seen || '|' || "count", chr(10) ORDER BY id) FROM alerts""",
    ];

    [Fact]
    public void An_enriched_import_killed_between_its_sessions_and_run_again_stores_every_event_and_dead_letter_once()
    {
        // 300,000 lines: two sessions of a row group commit before the last; the kill aims after the first.
        var log = Generate(300_000);
        string[] Args(string store) => ["import", "--store", store, "--lists", Lists[0], "--lists", Lists[1], "--policy", Policy, log];
        var timer = Stopwatch.StartNew();
        var whole = _dir.File("store-whole");
        using (var import = ServiceProcess.Start(Args(whole)))
            Assert.True(import.WaitForExit() == 0, import.Stderr);
        var wholeMs = (int)timer.ElapsedMilliseconds;
        var window = new KillWindow(wholeMs, 20261203);
        var all = StoreContents.Count(whole, "SELECT count(*) FROM events");
        // Landed when some sessions were committed and some not.
        var killed = window.Land(12, attempt => _dir.File($"store-{attempt}"), store => ServiceProcess.Start(Args(store)),
            store => (HasEvents(store) ? StoreContents.Count(store, "SELECT count(*) FROM events") : 0) switch
            {
                0 => KillWindow.Landing.TooEarly,
                var stored when stored >= all => KillWindow.Landing.TooLate,
                _ => KillWindow.Landing.InWindow,
            });
        Assert.True(killed is not null, "no kill landed between the import's sessions: " + window);

        using (var again = ServiceProcess.Start(Args(killed)))
            Assert.True(again.WaitForExit() == 0, again.Stderr);
        foreach (var sql in Contents[..2])
            Assert.Equal(StoreContents.Strings(whole, sql), StoreContents.Strings(killed, sql));
        Assert.Equal(0, StoreContents.Count(killed, "SELECT count(*) - count(DISTINCT first_event_id) FROM visits"));
    }

    /// <summary>
    /// Whether the store has its events table: a kill can land after DuckDB has made the file and before the schema is in
    /// it (seen at load ~30), which is as early as no file at all.
    /// </summary>
    private static bool HasEvents(string store) =>
        File.Exists(Path.Combine(store, Storage.DuckDbStore.FileName))
        && StoreContents.Count(store, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'events'") > 0;

    [Fact]
    public async Task A_log_imported_in_two_parts_continues_the_visits_the_first_part_left_open_replacing_them()
    {
        var log = Generate(20_000);
        var lines = File.ReadAllLines(log);
        // Cut where the second part's first line continues a visit of the first part: the same person at the same host
        // within 200 s (the idle gap is 5 minutes).
        var c = Enumerable.Range(10_000, 5_000).First(i => Enumerable.Range(i - 100, 100)
            .Any(j => Visitor(lines[i]) is { } v && Visitor(lines[j]) == v && Time(lines[i]) - Time(lines[j]) is >= 0 and <= 200));
        var (first, second) = (_dir.File("part-1.log"), _dir.File("part-2.log"));
        File.WriteAllLines(first, lines[..c]);
        File.WriteAllLines(second, lines[c..]);
        var whole = _dir.File("store-whole");
        var parts = _dir.File("store-parts");
        await ImportAsync(whole, log, sessionEvents: 2_000);
        await ImportAsync(parts, first, sessionEvents: 2_000);
        await ImportAsync(parts, second, sessionEvents: 2_000);

        // An event's id holds its line number, so the visits' first events differ; the visits themselves do not.
        const string visits = """
            SELECT string_agg(person || '|' || domain || '|' || "start" || '|' || "end" || '|' || event_count || '|' || coalesce(verdict, ''),
                              chr(10) ORDER BY person, domain, "start") FROM visits
            """;
        Assert.Equal(StoreContents.Strings(whole, visits), StoreContents.Strings(parts, visits));
        // The visits the second part continued were replaced, not stored again beside their first version.
        Assert.Equal(0, StoreContents.Count(parts, "SELECT count(*) - count(DISTINCT first_event_id) FROM visits"));
        // The visit the cut went through was continued: it starts before the second part's first line and ends at it or later.
        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)(Time(lines[c]) * 1000)).UtcDateTime;
        Assert.True(StoreContents.Count(parts, $"SELECT count(*) FROM visits WHERE \"start\" < '{at:yyyy-MM-dd HH:mm:ss.fff}' AND \"end\" >= '{at:yyyy-MM-dd HH:mm:ss.fff}'") > 0,
            "no visit spans the cut");
    }

    [Fact]
    public async Task Sessions_cut_every_2000_new_events_store_what_one_session_stores()
    {
        var log = Generate(20_000);
        var once = _dir.File("store-once");
        var cut = _dir.File("store-cut");
        await ImportAsync(once, log, sessionEvents: 1_000_000);
        await ImportAsync(cut, log, sessionEvents: 2_000);

        Assert.True(StoreContents.Count(once, "SELECT count(*) FROM events") > 19_000);
        foreach (var sql in Contents)
            Assert.Equal(StoreContents.Strings(once, sql), StoreContents.Strings(cut, sql));
        Assert.True(StoreContents.Count(cut, "SELECT count(*) FROM visits") > 1000);
        Assert.True(StoreContents.Count(cut, "SELECT count(*) FROM alerts") > 0);

        // Imported again in sessions cut the same way: nothing is stored twice.
        await ImportAsync(cut, log, sessionEvents: 2_000);
        foreach (var sql in Contents)
            Assert.Equal(StoreContents.Strings(once, sql), StoreContents.Strings(cut, sql));
    }
}
