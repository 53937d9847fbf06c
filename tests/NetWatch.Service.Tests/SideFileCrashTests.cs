using System.Diagnostics;
using DuckDB.NET.Data;
using NetWatch.Storage;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests;

/// <summary>
/// <c>netwatch run</c> with the side file (<c>checkpoints: { side_file: true }</c>) killed (SIGKILL) while the side file
/// holds batches committed during a checkpoint of the main file and not yet moved into it, then restarted: the source
/// resumes after the side file's batches, which go into the main file first; every event of the file ends up stored once,
/// counted once by the roll-ups and the source's totals, and the side file empty. The side file counts its events
/// until the main session that takes them commits and it forgets them, so the kill lands during a checkpoint (batches
/// going into the side file) or during the move (the main session taking them, or just after its commit).
/// </summary>
public sealed class SideFileCrashTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Killed_while_the_side_file_holds_batches_nothing_is_lost_or_stored_twice()
    {
        const int lines = 300_000;
        var log = _dir.File("access.log");
        Generate(log, lines);
        var store = _dir.File("store");
        var config = _dir.File("netwatch.yaml");
        // A 1 MB WAL threshold: the main file checkpoints every few batches, so the side file is in use most of the time.
        File.WriteAllText(config, $"store: {store}\nschool: Test School\n{OldLogs.KeepEverything}\ncheckpoints: {{ side_file: true, wal_mb: 1 }}\n" +
            $"enrich:\n  lists: [{RepoFiles.Path("data", "ut1")}]\n  policy: {RepoFiles.Path("policies", "000-local-authority.yaml")}\n" +
            $"sources:\n  - name: proxy\n    path: {log}\n    format: squid-native\n");
        var port = Health.FreeTcpPort();
        // The file is a backlog, so the store stage may count as behind and leave the side file alone
        // (PipelineOptions.BehindAfter): here it keeps up throughout, so that the side file is in use when the kill comes.
        var environment = new Dictionary<string, string> { ["NETWATCH_api__port"] = port.ToString(), ["NETWATCH_BEHIND_AFTER_MS"] = "86400000" };

        using (var first = ServiceProcess.Start(environment, ["run", "--config", config]))
        {
            var waiting = Health.WaitFor(port, "netwatch_side_file_events_waiting", v => v > 0, first, TimeSpan.FromMinutes(3));
            first.Kill();
            Assert.True(waiting > 0, $"the side file never held an event ({waiting})\n{first.Stderr}");
        }
        // The kill landed where it should: the side file holds events the main file does not.
        var side = Side(store, "SELECT id FROM side_events");
        Assert.NotEmpty(side);
        var inMain = StoreContents.Count(store, $"SELECT count(*) FROM events WHERE id IN ({string.Join(",", side.Select(id => $"'{id}'::UUID"))})");
        Assert.True(inMain < side.Count, $"all {side.Count} events in the side file were in the main file already");

        using (var second = ServiceProcess.Start(environment, ["run", "--config", config]))
        {
            Health.WaitFor(port, "netwatch_up", v => v > 0, second, TimeSpan.FromMinutes(2));
            Health.WaitFor(port, "netwatch_source_lag_bytes", v => v == 0, second, TimeSpan.FromMinutes(5));
            second.Terminate();
            Assert.True(second.WaitForExit() == 0, second.Stderr);
        }

        var (ids, _) = StoreContents.StraightParse(log, "squid-native");
        var stored = StoreContents.EventIds(store);
        Assert.Equal(ids.Count, stored.Count);
        Assert.True(ids.SetEquals(stored), "the stored ids differ from a straight parse of the file");
        Assert.Equal(ids.Count, StoreContents.Count(store, "SELECT sum(requests) FROM rollup_events"));
        // The source's totals count each line once (the side file's batches moved once, whichever run moved them).
        Assert.Equal(lines, StoreContents.Count(store, "SELECT lines_read FROM checkpoints WHERE source = 'proxy'"));
        // Each event counted once as stored or as a duplicate (the alerts' fast lane's events, stored by its recovery
        // batch, which carries no checkpoint, are duplicates when their lines are read again).
        Assert.Equal(ids.Count, StoreContents.Count(store, "SELECT events_stored + duplicates FROM checkpoints WHERE source = 'proxy'"));
        // Each event is in at most one visit (visits for the moved events were computed once).
        Assert.Equal(0, StoreContents.Count(store, "SELECT count(*) FROM (SELECT first_event_id FROM visits GROUP BY first_event_id HAVING count(*) > 1)"));
        Assert.Empty(Side(store, "SELECT id FROM side_events"));
        Assert.Empty(Side(store, "SELECT seq FROM side_entries"));
    }

    private static void Generate(string path, int lines)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(SharedData.Root, "tools", "gen_squid_log.py"), "--seed", "18", "--lines", lines.ToString() })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        using (var file = File.Create(path)) process.StandardOutput.BaseStream.CopyTo(file);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>The first column of a query on the side file, as text.</summary>
    private static List<string> Side(string store, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(store, DuckDbStore.SideFileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetValue(0).ToString()!);
        return rows;
    }

    public void Dispose() => _dir.Dispose();
}
