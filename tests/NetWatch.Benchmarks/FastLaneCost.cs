using System.Diagnostics;
using NetWatch.Core.Alerts;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Squid;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Alerts;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// The alerts' fast lane's cost per step, on this thread's CPU clock (a loaded machine inflates wall time, not CPU
/// time): the "raised before?" read of the store's events, the entry's commit into the lane's file, and the settle
/// after a bulk commit, as bench/alerts-latency.sh drives them (one alert a line, a settle every few entries).
/// Usage: fast-lane-cost [ENTRIES] [busy].
/// </summary>
internal static class FastLaneCost
{
    private const string Line =
        "{0}.000     12 127.0.30.{1} TCP_MISS/200 5120 GET http://www.google.co.uk/search?q=how+to+self+harm&hl=en-GB bench{2:D5} HIER_DIRECT/127.0.0.2 text/html";

    /// <summary>The alert one bench line raises (its own user: a new alert each).</summary>
    private static Alert AlertOf(NetEvent e, int n) => new()
    {
        Id = $"alert-{n}", School = "100001", Subject = new AlertSubject { Person = e.UserName }, Theme = "self-harm", Severity = 4,
        FirstSeen = e.Timestamp, LastSeen = e.Timestamp, Count = 1, RaisedAt = e.Timestamp, NotifiedAt = e.Timestamp, NotifiedSeen = e.Timestamp,
        EventIds = [e.Id],
        Evidence = [new AlertEvidence { EventId = e.Id, At = e.Timestamp, Url = "http://www.google.co.uk/search", SearchTerms = "how to self harm",
            Severity = 4, Rule = "safeguarding", Clause = "9.3" }],
    };

    /// <param name="busy">With a second DuckDB database in the process taking bulk inserts meanwhile, as the live store's
    /// sessions do (in the live service the lane's commits cost most while a main session writes).</param>
    public static void Run(int entries, bool busy = false)
    {
        var dir = Directory.CreateTempSubdirectory("fastlane-cost");
        using var stop = new CancellationTokenSource();
        var bulk = busy ? Task.Run(() => BulkWrites(dir.CreateSubdirectory("bulk").FullName, stop.Token)) : Task.FromResult(0);
        try
        {
            using var store = DuckDbStore.Open(Path.Combine(dir.FullName, "store"));
            var lane = store.FastLane;
            lane.OpenAsync(default).GetAwaiter().GetResult();
            var parser = new SquidNativeParser();
            var start = Instant.FromUtc(2026, 12, 7, 8, 0);
            NetEvent Event(int n) => parser.Parse(string.Format(Line, (start + Duration.FromMilliseconds(200 * n)).ToUnixTimeSeconds(), n % 250 + 1, n),
                new EventOrigin("proxy", n, n * 200L)).Event!;
            var cpu = new Dictionary<string, List<double>> { ["raised before?"] = [], ["commit"] = [], ["settle"] = [] };
            var wall = new Dictionary<string, List<double>> { ["raised before?"] = [], ["commit"] = [], ["settle"] = [] };
            void Time(string step, Action action)
            {
                var (c, w) = (PhaseTimes.ThreadCpuNanoseconds(), Stopwatch.GetTimestamp());
                action();
                cpu[step].Add((PhaseTimes.ThreadCpuNanoseconds() - c) / 1e6);
                wall[step].Add(Stopwatch.GetElapsedTime(w).TotalMilliseconds);
            }
            for (var n = 0; n < entries; n++)
            {
                var e = Event(n);
                Time("raised before?", () => lane.StoredAmongAsync([e], default).GetAwaiter().GetResult());
                var at = e.Timestamp;
                var alert = AlertOf(e, n);
                var seq = 0L;
                Time("commit", () => seq = lane.StoreAsync(new FastLaneEntry([e], [alert], [new AlertNotification(alert.Id, 1, AlertNotification.New, 4, at)]), default)
                    .GetAwaiter().GetResult());
                if (n % 500 == 0) Console.WriteLine($"entry {n}: lane WAL {new FileInfo(Path.Combine(dir.FullName, "store", "fastlane.duckdb.wal")).Length / 1024} KB");
                if (n % 5 == 4) Time("settle", () => lane.SettleAsync(seq, default).GetAwaiter().GetResult());
            }
            // The commit's parts, on the lane file's own connection as DuckDbAlertFastLane.StoreAsync writes them.
            using var connection = NetWatch.Storage.FastLane.FastLaneFile.Open(dir.CreateSubdirectory("parts").FullName);
            using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE narrow_events (id UUID NOT NULL, data VARCHAR NOT NULL)";
                create.ExecuteNonQuery();
            }
            foreach (var part in new[] { "narrow event", "69-column event", "begin", "events appender", "entries appender", "alert insert", "notification insert", "commit only" })
                (cpu[part], wall[part]) = (new List<double>(), new List<double>());
            for (var n = 0; n < entries; n++)
            {
                var e = Event(n);
                var at = e.Timestamp;
                var alert = AlertOf(e, n);
                System.Data.Common.DbTransaction? tx = null;
                Time("begin", () => tx = connection.BeginTransaction());
                Time("events appender", () =>
                {
                    using var events = new NetWatch.Storage.Events.ChunkAppender(connection, "fast_events");
                    NetWatch.Storage.Events.EventRowWriter.Append(events, e);
                });
                Time("entries appender", () =>
                {
                    using var a = connection.CreateAppender("fast_event_entries");
                    a.CreateRow().AppendValue((long)n).AppendValue(e.Id.ToGuid()).EndRow();
                });
                Time("alert insert", () =>
                {
                    using var insert = connection.CreateCommand();
                    insert.CommandText = """
                        INSERT INTO fast_alerts VALUES ($seq, $id, $school, $person, $subject, $theme, $severity, $first, $last, $count,
                                                        $version, $raised, $notified, $notified_seen, $detection)
                        """;
                    NetWatch.Storage.Alerts.AlertTable.AddAlert(NetWatch.Storage.Alerts.CommandParameters.Add(insert, "seq", (long)n), alert).ExecuteNonQuery();
                });
                Time("notification insert", () =>
                {
                    using var insert = connection.CreateCommand();
                    insert.CommandText = "INSERT INTO fast_notifications VALUES ($seq, $key, $alert, $version, $reason, $severity, $at)";
                    NetWatch.Storage.Alerts.AlertTable.AddNotification(NetWatch.Storage.Alerts.CommandParameters.Add(insert, "seq", (long)n), new AlertNotification(alert.Id, 1, AlertNotification.New, 4, at)).ExecuteNonQuery();
                });
                Time("commit only", () => tx!.Commit());
                tx!.Dispose();
                // The upper bound of a narrower lane: the event as one text value (its row is ~1 KB) in a two-column table
                // instead of the events' 69 columns, in a transaction of its own (append, then commit).
                Time("narrow event", () =>
                {
                    using var narrow = connection.BeginTransaction();
                    using (var a = connection.CreateAppender("narrow_events"))
                        a.CreateRow().AppendValue(e.Id.ToGuid()).AppendValue(new string('x', 1024)).EndRow();
                    narrow.Commit();
                });
                Time("69-column event", () =>
                {
                    using var wide = connection.BeginTransaction();
                    using (var events = new NetWatch.Storage.Events.ChunkAppender(connection, "fast_events"))
                        NetWatch.Storage.Events.EventRowWriter.Append(events, e);
                    wide.Commit();
                });
            }
            foreach (var step in cpu.Keys)
            {
                var (c, w) = (cpu[step].Order().ToList(), wall[step].Order().ToList());
                double Q(List<double> v, double p) => v[Math.Min(v.Count - 1, (int)(p * v.Count))];
                Console.WriteLine($"{step,-15} {c.Count,5} calls: CPU ms mean {c.Average():F2} p50 {Q(c, 0.5):F2} p99 {Q(c, 0.99):F2} max {c[^1]:F1} over 50 ms {c.Count(x => x > 50)}; " +
                                  $"wall ms mean {w.Average():F2} p50 {Q(w, 0.5):F2} p99 {Q(w, 0.99):F2}; first 5 CPU {string.Join(" ", cpu[step].Take(5).Select(x => x.ToString("F1")))}");
            }
        }
        finally
        {
            stop.Cancel();
            Console.WriteLine($"bulk inserts meanwhile: {bulk.GetAwaiter().GetResult()}");
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Inserts of 50,000 wide rows a transaction into a database of its own until stopped: how many.</summary>
    private static int BulkWrites(string directory, CancellationToken stop)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Path.Combine(directory, "bulk.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE bulk AS SELECT range AS id, repeat('x', 200) || range AS a, range * 2 AS b FROM range(0)";
        command.ExecuteNonQuery();
        var n = 0;
        for (; !stop.IsCancellationRequested; n++)
        {
            command.CommandText = $"INSERT INTO bulk SELECT range AS id, repeat('x', 200) || range AS a, range * 2 AS b FROM range({n * 50_000}, {(n + 1) * 50_000})";
            command.ExecuteNonQuery();
        }
        return n;
    }
}
