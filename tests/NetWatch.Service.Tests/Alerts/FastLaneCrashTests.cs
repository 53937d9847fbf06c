using System.Diagnostics;
using DuckDB.NET.Data;
using NetWatch.Storage;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests.Alerts;

/// <summary>
/// <c>netwatch run</c> killed (SIGKILL) while the alerts' fast lane holds alert-raising events that the bulk writes have
/// not committed yet, then restarted: the store must end with every event of the file once, counted once by the
/// roll-ups, and every safeguarding match in exactly one alert, once; the lane empty.
/// </summary>
public sealed class FastLaneCrashTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Killed_between_the_fast_commit_and_the_bulk_commit_nothing_is_lost_or_stored_twice()
    {
        var log = _dir.File("access.log");
        Generate(log, lines: 300_000);
        var store = _dir.File("store");
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config, $"store: {store}\nschool: Test School\n{OldLogs.KeepEverything}\nenrich:\n  lists: [{RepoFiles.Path("data", "ut1")}]\n" +
            $"sources:\n  - name: proxy\n    path: {log}\n    format: squid-native\n");
        var port = Health.FreeTcpPort();
        var environment = new Dictionary<string, string> { ["NETWATCH_api__port"] = port.ToString() };

        using (var first = ServiceProcess.Start(environment, ["run", "--config", config]))
        {
            // The generated log has safeguarding searches throughout; the bulk sessions take seconds each (up to 130,000 events).
            var waiting = Health.WaitFor(port, "netwatch_alert_events_waiting", v => v > 0, first, TimeSpan.FromMinutes(3));
            first.Kill();
            Assert.True(waiting > 0, $"the fast lane never held an event ({waiting})\n{first.Stderr}");
        }
        // The kill landed where it should: the lane holds events the store's events table does not.
        var ahead = Lane(store, "SELECT id FROM fast_events");
        Assert.NotEmpty(ahead);
        var storedAhead = StoreContents.Count(store, $"SELECT count(*) FROM events WHERE id IN ({string.Join(",", ahead.Select(id => $"'{id}'::UUID"))})");
        Assert.True(storedAhead < ahead.Count, $"all {ahead.Count} events in the lane were committed by the bulk writes already");

        using (var second = ServiceProcess.Start(environment, ["run", "--config", config]))
        {
            // Every line of the file stored (the lag in bytes is the file's size less the committed offset).
            Health.WaitFor(port, "netwatch_up", v => v > 0, second, TimeSpan.FromMinutes(2));
            Health.WaitFor(port, "netwatch_source_lag_bytes", v => v == 0, second, TimeSpan.FromMinutes(5));
            second.Terminate();
            Assert.True(second.WaitForExit() == 0, second.Stderr);
        }

        var (ids, _) = StoreContents.StraightParse(log, "squid-native");
        var stored = StoreContents.EventIds(store);
        Assert.Equal(ids.Count, stored.Count);
        Assert.True(ids.SetEquals(stored), "the stored ids differ from a straight parse of the file");
        // The roll-ups counted each event once (the lane's events too, stored by the recovery or the replay, not both).
        Assert.Equal(ids.Count, StoreContents.Count(store, "SELECT sum(requests) FROM rollup_events"));
        // Each safeguarding match is in exactly one alert, once; the alerts' counts add up to the matches.
        var matches = StoreContents.Count(store, "SELECT count(*) FROM events WHERE netwatch_safeguarding_theme IS NOT NULL");
        Assert.True(matches > 0);
        var eventIds = StoreContents.Strings(store, "SELECT unnest(json_extract_string(detection, '$.EventIds[*]')) FROM alerts");
        Assert.Equal(matches, eventIds.Count);
        Assert.Equal(matches, eventIds.Distinct().Count());
        Assert.Equal(matches, StoreContents.Count(store, "SELECT sum(\"count\") FROM alerts"));
        Assert.Equal(0, StoreContents.Count(store,
            "SELECT count(*) FROM events WHERE netwatch_safeguarding_theme IS NOT NULL AND replace(id::VARCHAR, '-', '') NOT IN (SELECT unnest(json_extract_string(detection, '$.EventIds[*]')) FROM alerts)"));
        // One 'new' notification per alert; the lane is empty.
        Assert.Equal(StoreContents.Count(store, "SELECT count(*) FROM alerts"), StoreContents.Count(store, "SELECT count(*) FROM alert_notifications WHERE reason = 'new'"));
        Assert.Empty(Lane(store, "SELECT id FROM fast_events"));
        Assert.Empty(Lane(store, "SELECT id FROM fast_alerts"));
    }

    private static void Generate(string path, int lines)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(SharedData.Root, "tools", "gen_squid_log.py"), "--seed", "15", "--lines", lines.ToString() })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        using (var file = File.Create(path)) process.StandardOutput.BaseStream.CopyTo(file);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>The first column of a query on the fast lane's file, as text.</summary>
    private static List<string> Lane(string store, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(store, DuckDbStore.FastLaneFileName)}");
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
