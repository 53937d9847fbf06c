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

    private string Generate(int lines)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(SharedData.Root, "tools", "gen_squid_log.py"), "--seed", "3", "--lines", lines.ToString() })
            start.ArgumentList.Add(a);
        var path = _dir.File("access.log");
        using (var process = Process.Start(start)!)
        using (var file = File.Create(path))
        {
            process.StandardOutput.BaseStream.CopyTo(file);
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }
        return path;
    }

    [Fact]
    public void An_import_killed_while_it_writes_and_run_again_leaves_the_rollups_equal_to_counting_the_events()
    {
        var log = Generate(300_000);
        var random = new Random(20261202);
        string? killed = null;
        // Kill at random instants after the store is created until one lands while hours are owed and some of their
        // events are in the table (a row group committed, the end's count not yet done): each try into a fresh store.
        for (var attempt = 0; attempt < 8 && killed is null; attempt++)
        {
            var store = _dir.File($"store-{attempt}");
            using (var import = ServiceProcess.Start("import", "--store", store, log))
            {
                var file = Path.Combine(store, DuckDbStore.FileName);
                while (!File.Exists(file) && !import.HasExited) Thread.Sleep(20);
                Thread.Sleep(random.Next(300, 6000));
                if (import.HasExited) continue;
                import.Kill();
            }
            // A plain import holds events back until they fill a row group (WholeRowGroups): hours can be owed while no
            // events of theirs are in the table yet, and then nothing disagrees. Wanted: a kill after some row group went in.
            if (Owed(store) > 0 && Disagreements(store) > 0) killed = store;
        }
        Assert.True(killed is not null, "no kill landed while the import owed roll-ups");
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
