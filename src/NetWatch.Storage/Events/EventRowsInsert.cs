using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using NetWatch.Core.Events;
using TableFunction = DuckDB.NET.Native.NativeMethods.TableFunction;

namespace NetWatch.Storage.Events;

/// <summary>
/// Events into the events table (or a table of its columns) by <c>INSERT INTO table SELECT * FROM netwatch_event_rows_N()</c>,
/// where netwatch_event_rows_N is a table function of this connection's, registered through DuckDB's C API, that fills
/// DuckDB's own output chunks in place (<see cref="ChunkFiller"/>, <see cref="EventRowWriter"/>). The insert appends
/// each chunk straight to the transaction's local storage of the table; DuckDB's appender (<see cref="ChunkAppender"/>)
/// first copies every chunk, strings into a heap of its own, into a buffer it appends at its close: that copy was 11.1%
/// of the store thread's perf samples in the 1M backlog (ColumnDataCopy, StringHeap::AddBlob), plus the page faults of
/// its fresh memory (bench/results/commit-2026-12-05-session28.txt). The insert runs in the caller's transaction, on the
/// caller's connection, so a write session's commit or rollback takes these rows with the rest.
/// </summary>
/// <remarks>
/// The function's rows are one caller's events in order: DuckDB's C-API table functions run on one thread (their
/// maximum unless told otherwise), and the insert of a source without batch indexes keeps its order. That thread may be
/// one of DuckDB's workers while the caller waits, so the callbacks touch only this object, which one write uses at a
/// time. An exception in a callback cannot cross into DuckDB: it is set as the function's error, which fails the
/// statement (and so the caller's transaction), and <see cref="Insert"/> rethrows it. Functions are registered in the
/// database's system catalog, which every connection to it shares: hence a name of this object's own; DuckDB frees
/// this object's handle (and its string memory) when it drops the function with the database.
/// </remarks>
internal sealed unsafe class EventRowsInsert : ChunkFiller
{
    private static int _instances;

    private readonly DuckDBConnection _connection;
    private readonly DuckDBLogicalType[] _types;
    private readonly string _function;
    private IReadOnlyList<NetEvent>? _events;
    private int _next;
    private int _end;
    private Exception? _failure;

    private EventRowsInsert(DuckDBConnection connection, DuckDBLogicalType[] types) : base(Lists(types))
    {
        _connection = connection;
        _types = types;
        _function = "netwatch_event_rows_" + Interlocked.Increment(ref _instances);
    }

    /// <summary>Registers this connection's event-rows function, with the events table's column types.</summary>
    public static EventRowsInsert Register(DuckDBConnection connection)
    {
        var insert = new EventRowsInsert(connection, ChunkAppender.ColumnTypes(connection, "events"));
        var handle = GCHandle.Alloc(insert);
        var function = TableFunction.DuckDBCreateTableFunction();
        try
        {
            TableFunction.DuckDBTableFunctionSetName(function, insert._function);
            TableFunction.DuckDBTableFunctionSetExtraInfo(function, GCHandle.ToIntPtr(handle), &Dropped);
            TableFunction.DuckDBTableFunctionSetBind(function, &Bind);
            TableFunction.DuckDBTableFunctionSetInit(function, &Init);
            TableFunction.DuckDBTableFunctionSetFunction(function, &Fill);
            if (!TableFunction.DuckDBRegisterTableFunction(connection.NativeConnection, function).IsSuccess())
                throw new InvalidOperationException($"DuckDB did not register {insert._function}");
        }
        finally
        {
            // The catalog keeps its own copy; the extra info (the handle) goes with the last of them.
            TableFunction.DuckDBDestroyTableFunction(ref function);
        }
        return insert;
    }

    /// <summary>
    /// Inserts <paramref name="count"/> of <paramref name="events"/> from <paramref name="start"/>, in order, into
    /// <paramref name="table"/> (events, or a table of its columns).
    /// </summary>
    public void Insert(string table, IReadOnlyList<NetEvent> events, int start = 0, int? count = null)
    {
        var end = start + (count ?? events.Count - start);
        if (end == start) return;
        _events = events;
        _next = start;
        _end = end;
        _failure = null;
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"INSERT INTO {table} SELECT * FROM {_function}()";
            var inserted = command.ExecuteNonQuery();
            if (inserted != end - start) throw new InvalidOperationException($"{inserted} rows inserted into {table} of {end - start}");
        }
        catch (Exception e) when (_failure is { } failure && e != failure)
        {
            throw new InvalidOperationException($"writing an event into {table}: {failure.Message}", failure);
        }
        finally
        {
            _events = null;
        }
    }

    /// <summary>The rows of the events: written until the chunk is full, and every column of a row before the next.</summary>
    private void FillChunk(nint output)
    {
        var events = _events ?? throw new InvalidOperationException($"{_function} read outside an insert");
        Start(output);
        while (_next < _end && Rows < Capacity) EventRowWriter.Append(this, events[_next++]);
        Finish();
    }

    /// <summary>A full chunk ends <see cref="FillChunk"/>'s loop: DuckDB takes it when the callback returns.</summary>
    protected override void Full()
    {
    }

    private static EventRowsInsert Of(nint extraInfo) => (EventRowsInsert)GCHandle.FromIntPtr(extraInfo).Target!;

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

    /// <summary>No state per execution: the rows are the object's (DuckDB requires an init).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Init(nint info)
    {
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Fill(nint info, nint output)
    {
        EventRowsInsert? self = null;
        try
        {
            self = Of(TableFunction.DuckDBFunctionGetExtraInfo(info));
            self.FillChunk(output);
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
            var self = (EventRowsInsert)handle.Target!;
            handle.Free();
            self.Dispose();
            foreach (var type in self._types) type.Dispose();
        }
        catch
        {
            // nothing can be reported at a database's close
        }
    }
}
