using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using TableFunction = DuckDB.NET.Native.NativeMethods.TableFunction;

namespace NetWatch.Storage.Events;

/// <summary>
/// Rows into a table by <c>INSERT INTO table SELECT * FROM netwatch_NAME_rows_N()</c>, where netwatch_NAME_rows_N is a
/// table function of this connection's, registered through DuckDB's C API, that fills DuckDB's own output chunks in place
/// (<see cref="ChunkFiller"/>; what rows, a subclass says: <see cref="RowsInsert{TRow}"/>). The insert appends each chunk
/// straight to the transaction's local storage of the table; DuckDB's appender (<see cref="ChunkAppender"/>) first copies
/// every chunk, strings into a heap of its own, into a buffer it appends at its close: that copy was 11.1% of the store
/// thread's perf samples in the 1M backlog (ColumnDataCopy, StringHeap::AddBlob), plus the page faults of its fresh
/// memory (bench/results/commit-2026-12-05-session28.txt); the events' insert this way took 0.75-0.8x the appender's CPU
/// (session 29). The insert runs in the caller's transaction, on the caller's connection, so a write session's commit or
/// rollback takes these rows with the rest.
/// </summary>
/// <remarks>
/// The function's rows are one caller's rows in order: DuckDB's C-API table functions run on one thread (their maximum
/// unless told otherwise), and the insert of a source without batch indexes keeps its order. That thread may be one of
/// DuckDB's workers while the caller waits, so the callbacks touch only this object, which one write uses at a time.
/// <see cref="Run"/> with several threads (an insert that keeps no order, <see cref="EventsAtCommit"/>) lets DuckDB run the
/// function on that many: each thread gets a lane of its own at its local init (this object first, then the subclass's
/// <see cref="NewLane"/>s), and a subclass hands its rows out to the lanes under its own synchronisation. An
/// exception in a callback cannot cross into DuckDB: it is set as the function's error, which fails the statement (and so
/// the caller's transaction), and <see cref="Run"/> rethrows it. Functions are registered in the database's system
/// catalog, which every connection to it shares: hence a name of this object's own; DuckDB frees this object's handle
/// (and its string memory) when it drops the function with the database.
/// </remarks>
internal abstract unsafe class TableRowsFunction : ChunkLane
{
    private static int _instances;

    private readonly DuckDBConnection _connection;
    private readonly DuckDBLogicalType[] _types;
    private readonly string _function;
    /// <summary>What a row is, for errors ("event", "visit").</summary>
    private readonly string _row;
    private Exception? _failure;
    /// <summary>The lanes DuckDB's threads fill chunks through: this object first, then any <see cref="NewLane"/> made.</summary>
    private readonly List<ChunkLane> _lanes;
    /// <summary>The threads the running insert may use (DuckDB's maximum for the function).</summary>
    private int _threads = 1;
    /// <summary>Lanes handed to DuckDB's threads in the running insert.</summary>
    private int _lanesTaken;

    /// <param name="table">The table whose column types the function's rows have (the rows may go to a table of its columns).</param>
    /// <param name="row">What a row is: names the function and its errors.</param>
    /// <param name="columns">The function's rows fill the table's first this many columns (null: all); <see cref="Appended"/>
    /// gives the rest.</param>
    protected TableRowsFunction(DuckDBConnection connection, string table, string row, int? columns = null)
        : this(connection, ChunkAppender.ColumnTypes(connection, table)[..(columns ?? Index.End)], row)
    {
    }

    /// <summary>The SQL values of the table's columns after the function's, each after a comma (empty: there are none).</summary>
    public string Appended { get; set; } = "";

    private TableRowsFunction(DuckDBConnection connection, DuckDBLogicalType[] types, string row) : base(Lists(types))
    {
        _connection = connection;
        _types = types;
        _row = row;
        _function = $"netwatch_{row}_rows_" + Interlocked.Increment(ref _instances);
        _lanes = [this];
    }

    /// <summary>Whether each of the function's columns is a LIST (for a lane of its own, <see cref="NewLane"/>).</summary>
    protected bool[] ColumnLists => Lists(_types);

    /// <summary>A further lane for an insert on several threads; a function whose rows one thread reads has none.</summary>
    protected virtual ChunkLane NewLane() => throw new NotSupportedException($"{_function} fills chunks on one thread");

    /// <summary>Registers the function on the connection (once, by the subclass's factory, when it is made).</summary>
    protected void Register() => NativeTableFunction.Register(_connection, _function, this, &Bind, &Init, &Fill, &Dropped, &LocalInit);

    /// <summary>
    /// Inserts the function's rows (<see cref="FillRows"/>, set up by the caller) into <paramref name="table"/>; they must
    /// be <paramref name="expected"/> rows.
    /// </summary>
    /// <param name="threads">DuckDB's threads that may fill the rows, each through a lane of its own (1: the caller's thread,
    /// through this object). More than one needs DuckDB's threads (its <c>threads</c> setting) and an insert that keeps no order.</param>
    protected void Run(string table, long expected, int threads = 1)
    {
        _failure = null;
        while (_lanes.Count < threads) _lanes.Add(NewLane());
        (_threads, _lanesTaken) = (threads, 0);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"INSERT INTO {table} SELECT *{Appended} FROM {_function}()";
            var inserted = command.ExecuteNonQuery();
            if (inserted != expected) throw new InvalidOperationException($"{inserted} rows inserted into {table} of {expected}");
        }
        catch (Exception e) when (_failure is { } failure && e != failure)
        {
            throw new InvalidOperationException($"writing a {_row} into {table}: {failure.Message}", failure);
        }
    }

    private static TableRowsFunction Of(nint extraInfo) => (TableRowsFunction)GCHandle.FromIntPtr(extraInfo).Target!;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Bind(nint info)
    {
        try
        {
            var self = Of(TableFunction.DuckDBBindGetExtraInfo(info));
            for (var c = 0; c < self._types.Length; c++) TableFunction.DuckDBBindAddResultColumn(info, "c" + c, self._types[c]);
        }
        catch (Exception e)
        {
            TableFunction.DuckDBBindSetError(info, e.Message);
        }
    }

    /// <summary>The insert's threads: as many as <see cref="Run"/> was given (the rows are the object's).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Init(nint info)
    {
        try
        {
            var self = Of(TableFunction.DuckDBInitGetExtraInfo(info));
            duckdb_init_set_max_threads(info, (ulong)self._threads);
        }
        catch (Exception e)
        {
            TableFunction.DuckDBInitSetError(info, e.Message);
        }
    }

    /// <summary>Each thread of the insert: the next lane, by its index + 1 (so that none is a null pointer).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void LocalInit(nint info)
    {
        try
        {
            var self = Of(TableFunction.DuckDBInitGetExtraInfo(info));
            var lane = Interlocked.Increment(ref self._lanesTaken);
            if (lane > self._lanes.Count) throw new InvalidOperationException($"{self._function}: thread {lane} of {self._lanes.Count} lanes");
            duckdb_init_set_init_data(info, lane, 0);
        }
        catch (Exception e)
        {
            TableFunction.DuckDBInitSetError(info, e.Message);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Fill(nint info, nint output)
    {
        TableRowsFunction? self = null;
        try
        {
            self = Of(TableFunction.DuckDBFunctionGetExtraInfo(info));
            self._lanes[(int)duckdb_function_get_local_init_data(info) - 1].FillChunk(output);
        }
        catch (Exception e)
        {
            if (self is not null) self._failure = e;
            TableFunction.DuckDBFunctionSetError(info, e.Message);
        }
    }

    /// <summary>DuckDB dropped the function (with its database): the handle and the string memory go.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Dropped(nint extraInfo)
    {
        try
        {
            var handle = GCHandle.FromIntPtr(extraInfo);
            var self = (TableRowsFunction)handle.Target!;
            handle.Free();
            foreach (var lane in self._lanes) lane.Dispose();
            foreach (var type in self._types) type.Dispose();
        }
        catch
        {
            // nothing can be reported at a database's close
        }
    }

    // DuckDB.NET 1.5 binds neither a table function's threads nor its state per thread (its registration: NativeTableFunction).
    [DllImport("duckdb", CallingConvention = CallingConvention.Cdecl)]
    private static extern void duckdb_init_set_max_threads(nint info, ulong threads);

    [DllImport("duckdb", CallingConvention = CallingConvention.Cdecl)]
    private static extern void duckdb_init_set_init_data(nint info, nint data, nint destroy);

    [DllImport("duckdb", CallingConvention = CallingConvention.Cdecl)]
    private static extern nint duckdb_function_get_local_init_data(nint info);
}
