using System.Diagnostics;
using DuckDB.NET.Data;
using NetWatch.Storage;
using NetWatch.Storage.Rollups;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests;

/// <summary>
/// <c>netwatch import</c> killed with SIGKILL while it writes, then run again. An import counts the roll-ups once at its
/// end and commits the hours it owes with each batch's events, so after the kill the store holds owed hours, and the
/// next open counts them: the roll-ups then equal counting the events, and every event of the file is stored once.
/// </summary>
public sealed class ImportCrashTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Generate(int lines) => SharedData.GenerateSquidLog(_dir.File("access.log"), lines, seed: 3);

    [Fact]
    public void An_import_killed_while_it_writes_and_run_again_leaves_the_rollups_equal_to_counting_the_events()
    {
        // 600,000 lines: a plain import holds events back until they fill a row group (WholeRowGroups), so the first
        // ~240,000 lines put owed hours but no events in the table; with more lines most of the run has both.
        var log = Generate(600_000);
        // How long a whole import of this log takes on this machine now: the kills aim at its second half, whatever
        // the machine's load (a fixed range of milliseconds missed the window on a loaded machine).
        var timer = Stopwatch.StartNew();
        using (var whole = ServiceProcess.Start("import", "--store", _dir.File("store-whole"), log))
            Assert.True(whole.WaitForExit() == 0, whole.Stderr);
        var wholeMs = (int)timer.ElapsedMilliseconds;
        var window = new KillWindow(wholeMs, 20261202);
        // Kill at instants in the second half of an import until one lands while hours are owed and some of their
        // events are in the table (a row group committed, the end's count not yet done): each try into a fresh store.
        var killed = window.Land(12, attempt => _dir.File($"store-{attempt}"), store => ServiceProcess.Start("import", "--store", store, log),
            // Hours owed with none of their events in the table yet (all held back) disagree with nothing: not wanted.
            // Nothing owed: before the first session's commit (no events yet) or after the close's count (all of them).
            store => Owed(store) == 0 ? (Events(store) > 0 ? KillWindow.Landing.TooLate : KillWindow.Landing.TooEarly)
                : Disagreements(store) == 0 ? KillWindow.Landing.TooEarly
                : KillWindow.Landing.InWindow);
        Assert.True(killed is not null, "no kill landed while the import owed roll-ups: " + window);
        Assert.True(Disagreements(killed) > 0, "the killed import's roll-ups already equal the events: the test shows nothing");

        using (var again = ServiceProcess.Start("import", "--store", killed, log))
            Assert.True(again.WaitForExit() == 0, again.Stderr);

        Assert.Equal(0, Owed(killed));
        Assert.Equal(0, Disagreements(killed));
        var (expected, _) = StoreContents.StraightParse(log, "squid-native");
        var stored = StoreContents.EventIds(killed);
        Assert.Equal(expected.Count, stored.Count);
        Assert.True(expected.SetEquals(stored), "the stored ids differ from a straight parse of the file");
    }

    /// <summary>The (school, hour) pairs the store owes its roll-ups; 0 also when the kill came before the table was made.</summary>
    private static long Owed(string store)
    {
        try { return StoreContents.Count(store, $"SELECT count(*) FROM {RollupPending.Table}"); }
        catch (DuckDBException) { return 0; }
    }

    /// <summary>The events stored; 0 also when the kill came before the table was made.</summary>
    private static long Events(string store)
    {
        try { return StoreContents.Count(store, "SELECT count(*) FROM events"); }
        catch (DuckDBException) { return 0; }
    }

    /// <summary>Rows of each roll-up that differ from counting the events table (none when they agree).</summary>
    private static long Disagreements(string store)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(store, DuckDbStore.FileName)}");
        connection.Open();
        long differ = 0;
        foreach (var table in RollupTables.All)
        {
            var keys = string.Join(", ", table.Keys.Select(k => k.Name));
            var kept = $"SELECT {RollupTable.Hour}, {keys}, sum(requests)::BIGINT, sum(bytes)::BIGINT, min(first_seen), max(last_seen) FROM {table.Name} GROUP BY ALL";
            var counted = table.SelectFromEvents("true");
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM (({kept}) EXCEPT ({counted})) UNION ALL SELECT count(*) FROM (({counted}) EXCEPT ({kept}))";
            using var r = command.ExecuteReader();
            while (r.Read()) differ += r.GetInt64(0);
        }
        return differ;
    }
}
