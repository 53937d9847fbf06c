using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using NetWatch.Core.Events;
using NodaTime;
using TableFunction = DuckDB.NET.Native.NativeMethods.TableFunction;

namespace NetWatch.Storage.Events;

/// <summary>
/// A batch's event ids as a table function of this connection's, <c>netwatch_ids_N()</c> (one UUID column, id), that a
/// query reads where it would read a staged table: <c>id IN (SELECT id FROM netwatch_ids_N())</c>. The ids are this
/// object's array, written by the function straight into DuckDB's output chunks, so nothing is inserted before the query
/// nor deleted after it: staging the ids into a temp table (an appender, then a DELETE) cost ~5 ms of the store thread's
/// ~13 ms dedupe a write call (bench/results/fixed-2026-12-06-session37.txt).
/// </summary>
/// <remarks>
/// Each scan of the function keeps its own cursor (DuckDB's init data: native memory freed by DuckDB at the scan's end),
/// and the callbacks only read the ids and write into the chunk DuckDB hands them: a query may scan the function twice,
/// and DuckDB may run the two scans on two of its threads while the caller waits. The ids must not change while a
/// statement reads them: set by <see cref="Set"/> before it, emptied by <see cref="Clear"/> after. Registered in the
/// database's catalog, which every connection shares: hence a name of this object's own; DuckDB frees the handle when
/// it drops the function with the database. An exception cannot cross into DuckDB: it becomes the function's error,
/// which fails the statement.
/// </remarks>
internal sealed unsafe class BatchIdsFunction
{
    private static int _instances;

    /// <summary>The batch's ids as DuckDB holds a UUID (a HUGEINT with its top bit flipped): [2i] low, [2i+1] high.</summary>
    private ulong[] _ids = [];
    private int _count;

    private BatchIdsFunction() => Name = "netwatch_ids_" + Interlocked.Increment(ref _instances);

    /// <summary>The function's name, to call in a query as <c>Name()</c>.</summary>
    public string Name { get; }

    /// <summary>Registers a function of the batch's ids on <paramref name="connection"/>.</summary>
    public static BatchIdsFunction Register(DuckDBConnection connection)
    {
        var ids = new BatchIdsFunction();
        NativeTableFunction.Register(connection, ids.Name, ids, &Bind, &Init, &Fill, &Dropped);
        return ids;
    }

    /// <summary>Makes the events' ids the function's rows, in order; returns the events' time bounds (they must be some).</summary>
    public (Instant Min, Instant Max) Set(IReadOnlyList<NetEvent> events)
    {
        if (_ids.Length < 2 * events.Count) _ids = new ulong[2 * Math.Max(events.Count, _ids.Length)];
        var min = events[0].Timestamp;
        var max = min;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var id = e.Id.Value;
            _ids[2 * i] = (ulong)id;
            _ids[2 * i + 1] = (ulong)(id >> 64) ^ (1UL << 63);
            if (e.Timestamp < min) min = e.Timestamp;
            if (e.Timestamp > max) max = e.Timestamp;
        }
        _count = events.Count;
        return (min, max);
    }

    /// <summary>No rows until the next <see cref="Set"/>.</summary>
    public void Clear() => _count = 0;

    private static BatchIdsFunction Of(nint extraInfo) => (BatchIdsFunction)GCHandle.FromIntPtr(extraInfo).Target!;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Bind(nint info)
    {
        try
        {
            using var uuid = NativeMethods.LogicalType.DuckDBCreateLogicalType(DuckDBType.Uuid);
            TableFunction.DuckDBBindAddResultColumn(info, "id", uuid);
            // The exact row count, as a table's statistics would give it: the planner sizes the semi-join by it.
            TableFunction.DuckDBBindSetCardinality(info, (ulong)Of(TableFunction.DuckDBBindGetExtraInfo(info))._count, true);
        }
        catch (Exception e)
        {
            TableFunction.DuckDBBindSetError(info, e.Message);
        }
    }

    /// <summary>A scan's cursor: the next id's index, in native memory DuckDB frees with the scan.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Init(nint info)
    {
        try
        {
            var cursor = (int*)NativeMemory.AllocZeroed(sizeof(int));
            TableFunction.DuckDBInitSetInitData(info, (nint)cursor, &FreeCursor);
        }
        catch (Exception e)
        {
            TableFunction.DuckDBInitSetError(info, e.Message);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void FreeCursor(nint cursor) => NativeMemory.Free((void*)cursor);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Fill(nint info, nint output)
    {
        try
        {
            var self = Of(TableFunction.DuckDBFunctionGetExtraInfo(info));
            var cursor = (int*)TableFunction.DuckDBFunctionGetInitData(info);
            var from = *cursor;
            var rows = Math.Min(ChunkFiller.Capacity, self._count - from);
            if (rows > 0)
            {
                var vector = ChunkFiller.duckdb_data_chunk_get_vector(output, 0);
                var data = (ulong*)NativeMethods.Vectors.DuckDBVectorGetData(vector);
                self._ids.AsSpan(2 * from, 2 * rows).CopyTo(new Span<ulong>(data, 2 * rows));
                *cursor = from + rows;
            }
            ChunkFiller.duckdb_data_chunk_set_size(output, (ulong)Math.Max(rows, 0));
        }
        catch (Exception e)
        {
            TableFunction.DuckDBFunctionSetError(info, e.Message);
        }
    }

    /// <summary>DuckDB dropped the function (with its database): the handle goes.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Dropped(nint extraInfo)
    {
        try
        {
            GCHandle.FromIntPtr(extraInfo).Free();
        }
        catch
        {
            // nothing can be reported at a database's close
        }
    }
}
