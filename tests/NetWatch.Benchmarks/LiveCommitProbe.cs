using System.Diagnostics;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Storage.Contracts.Checkpoints;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// The live service's keeping-up write sessions, without the rest of the service (a profile or a CPU count of the store
/// path alone, on a loaded machine where the service itself falls behind): sessions of <c>events</c> new events (the log's
/// lines, parsed, each a new id), each with the visits pattern of the live bench at 20,000 lines/s (session 41's quiet
/// run: ~4,100 open visits replaced and ~700 first versions appended per ~5,000-event session), the checkpoint row, the
/// roll-ups, the commit; the main file checkpointed by the store's own background checkpoint once its WAL passes 256 MB,
/// waited for (the service writes into the side file meanwhile). DuckDB runs on the writing thread alone, as the service's
/// store does; LIVE_COMMIT_THREADS=all gives the sessions DuckDB's threads (the keeping-up store before session 42).
/// Prints each phase's thread CPU (NETWATCH_PHASES=1) and the process's CPU per event.
/// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll live-commit LOG [SESSIONS] [EVENTS] [REPLACED] [FIRST]
/// </summary>
public static class LiveCommitProbe
{
    public static void Run(string log, int sessions, int events, int replaced, int first)
    {
        var directory = Path.Combine(Path.GetTempPath(), "netwatch-live-commit-" + Guid.NewGuid().ToString("n"));
        var parser = LogFormats.CreateParser("squid-native");
        var lines = File.ReadLines(log).GetEnumerator();
        var t0 = Instant.FromUtc(2026, 12, 7, 8, 0);
        var open = new List<Visit>();
        var line = 0L;
        var checkpointCpu = TimeSpan.Zero;
        using (var store = DuckDbStore.Open(directory, memoryLimit: (long.TryParse(Environment.GetEnvironmentVariable("LIVE_COMMIT_DUCKDB_MB"), out var mb) ? mb : 256) << 20, sideFileWal: DuckDbStore.DefaultSideFileWal))
        using (var settings = StoreFile.Connect(directory))
        {
            // DuckDB's threads are the database's setting: given back after each checkpoint, which leaves one.
            var allThreads = Environment.GetEnvironmentVariable("LIVE_COMMIT_THREADS") == "all";
            if (allThreads) settings.Execute("RESET threads");
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            for (var s = 0; s < sessions; s++)
            {
                var at = t0 + Duration.FromMilliseconds(250L * s);
                var batch = new List<NetEvent>(events);
                while (batch.Count < events)
                {
                    if (!lines.MoveNext()) { lines = File.ReadLines(log).GetEnumerator(); continue; }
                    line++;
                    // Each line a new event (its own line number), at this session's time, as the live bench's writer makes them.
                    if (parser.Parse(lines.Current, new EventOrigin("live.log", line)).Event is { } e)
                        batch.Add(e with { Timestamp = at + Duration.FromTicks(batch.Count) });
                }
                using (var session = store.Writer.Begin())
                {
                    var result = session.WriteEventsAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
                    // The open visits these events continue (the oldest replaced first, as if each got a new request) ...
                    var replacing = new List<IVisitView>(replaced);
                    for (var i = 0; i < replaced && open.Count > 0; i++)
                    {
                        var v = open[(s * replaced + i) % open.Count];
                        var grown = v with { End = at, EventCount = v.EventCount + 1 };
                        open[(s * replaced + i) % open.Count] = grown;
                        replacing.Add(grown);
                    }
                    // ... and the visits they start.
                    var firstVersions = new List<IVisitView>(first);
                    for (var i = 0; i < first && i < result.New.Count; i++)
                    {
                        var e = result.New[i];
                        var v = new Visit
                        {
                            Person = "pupil." + (line + i) % 5000, Role = "student", Domain = "site" + i % 3000 + ".example.org",
                            Start = at, End = at, EventCount = 1, Categories = ["education"], Verdict = "allowed", PolicyName = "000",
                            FirstEventId = e.Id,
                        };
                        firstVersions.Add(v);
                        // A bounded set of open visits, as the service's (older ones close and are not written again).
                        if (open.Count < 200_000) open.Add(v);
                        else open[(int)((line + i) % open.Count)] = v;
                    }
                    if (firstVersions.Count > 0) session.AddVisitsAsync(firstVersions, CancellationToken.None).GetAwaiter().GetResult();
                    if (replacing.Count > 0) session.WriteVisitsAsync(replacing, CancellationToken.None).GetAwaiter().GetResult();
                    session.SaveCheckpointAsync(new Checkpoint("proxy", "file", $"{line * 150}:{line}"),
                        new CheckpointTotals(batch.Count, result.New.Count, 0, 0), CancellationToken.None).GetAwaiter().GetResult();
                    var commit = PhaseTimes.Start();
                    session.CommitAsync(CancellationToken.None).GetAwaiter().GetResult();
                    PhaseTimes.Add("store: commit", commit);
                }
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                if (store.Side!.CheckpointIfDue())
                {
                    // Waited for: the process's CPU meanwhile is the checkpoint's, on whichever of DuckDB's threads it ran.
                    store.Side.WaitAsync(CancellationToken.None).GetAwaiter().GetResult();
                    checkpointCpu += Process.GetCurrentProcess().TotalProcessorTime - before;
                    if (allThreads) settings.Execute("RESET threads");
                }
            }
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            var total = (long)sessions * events;
            Console.WriteLine($"live-commit: {sessions} sessions x {events} events, {replaced} visits replaced + {first} first versions each; "
                + $"{wall.Elapsed.TotalSeconds:F1} s wall, process CPU {cpu.TotalSeconds:F2} s = {cpu.TotalMilliseconds * 1000 / total:F1} us an event; "
                + $"{store.Side!.Checkpoints} checkpoints {checkpointCpu.TotalSeconds:F2} s process CPU; load {File.ReadAllText("/proc/loadavg").Trim()}");
        }
        if (PhaseTimes.Enabled) Console.WriteLine(PhaseTimes.Report());
        Directory.Delete(directory, recursive: true);
    }
}
