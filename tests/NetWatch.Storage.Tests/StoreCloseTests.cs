using DuckDB.NET.Data;
using NetWatch.Storage.Events;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests;

/// <summary>
/// The live service's close leaves the part-filled row groups its checkpoints while behind left (DuckDbStore's
/// LeaveRowGroupsUnmerged: merging them cost 12 s CPU at a stop); any other store's close merges them (DuckDB's vacuum).
/// </summary>
public sealed class StoreCloseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void The_live_stores_close_leaves_part_filled_row_groups_unmerged()
    {
        using (var store = DuckDbStore.Open(_dir.Path, sideFileWal: 1L << 40)) WriteSmallRowGroups(store);

        Assert.Equal(4, EventRowGroups());
    }

    [Fact]
    public void Another_stores_close_merges_them()
    {
        using (var store = DuckDbStore.Open(_dir.Path)) WriteSmallRowGroups(store);

        Assert.Equal(1, EventRowGroups());
    }

    /// <summary>Three sessions of one event, each checkpointed without a merge (as while behind: its own row group), then a
    /// fourth left in the WAL for the close's checkpoint.</summary>
    private void WriteSmallRowGroups(DuckDbStore store)
    {
        using var other = StoreFile.Connect(_dir.Path);
        for (var line = 1; line <= 3; line++)
        {
            StoreEvents.Write(store, TestEvents.Minimal(line));
            Execute(other, "SET max_vacuum_tasks = 0");
            Execute(other, "CHECKPOINT");
            Execute(other, "RESET max_vacuum_tasks");
        }
        StoreEvents.Write(store, TestEvents.Minimal(4));
    }

    private int EventRowGroups()
    {
        using var connection = StoreEvents.Connect(_dir);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('{EventTables.Narrow}')";
        return Convert.ToInt32(command.ExecuteScalar());
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _dir.Dispose();
}
