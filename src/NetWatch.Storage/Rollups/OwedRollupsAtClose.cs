using System.Runtime.ExceptionServices;
using DuckDB.NET.Data;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// An import's close: every roll-up's owed hours counted (<see cref="RollupPending"/>), rollup_people (the biggest, about
/// 60% of the count) on a connection of its own while the two smaller tables are counted on the writer's, each table in a
/// transaction of its own; then the marks are cleared (with the spellings and hosts, read from rollup_people) in a last one.
/// Why two at once: one statement's serial stretches (its sort's merge, the ordered INSERT) leave DuckDB's second thread
/// idle or the calling thread spinning while the other runs the last task (DuckDB issue 22178); a second statement fills them.
/// A crash between these transactions leaves every mark in place (they are cleared last), so the next open counts every
/// table of those hours again (<see cref="RollupBackfill.Ensure"/>): a table counted already is counted the same again,
/// its owed rows deleted first.
/// </summary>
internal static class OwedRollupsAtClose
{
    /// <summary>Counts what is owed; <paramref name="connect"/> gives another connection to the same database.</summary>
    public static void Count(DuckDBConnection writer, Func<DuckDBConnection> connect)
    {
        if (!RollupPending.Any(writer)) return;
        var people = Task.Factory.StartNew(() =>
        {
            using var connection = connect();
            CountIn(connection, RollupTables.People);
        }, TaskCreationOptions.LongRunning);
        ExceptionDispatchInfo? failed = null;
        try
        {
            foreach (var table in RollupTables.All.Where(t => t != RollupTables.People)) CountIn(writer, table);
        }
        catch (Exception e) { failed = ExceptionDispatchInfo.Capture(e); }
        // Not on before the other connection is done with its count (the close must not outlive it), and its failure told as it is.
        try { people.Wait(); }
        catch (AggregateException e) when (e.InnerException is { } inner) { failed ??= ExceptionDispatchInfo.Capture(inner); }
        failed?.Throw();
        using var clear = writer.BeginTransaction();
        RollupPending.Clear(writer);
        clear.Commit();
    }

    private static void CountIn(DuckDBConnection connection, RollupTable table)
    {
        using var transaction = connection.BeginTransaction();
        RollupPending.Count(connection, table);
        transaction.Commit();
    }
}
