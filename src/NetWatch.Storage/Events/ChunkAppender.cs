using DuckDB.NET.Data;
using DuckDB.NET.Native;
using NativeAppender = DuckDB.NET.Native.DuckDBAppender;

namespace NetWatch.Storage.Events;

/// <summary>
/// A DuckDB appender to one table fed whole data chunks filled in place (<see cref="ChunkFiller"/>): every
/// <see cref="ChunkFiller.Capacity"/> rows the chunk goes to DuckDB in one call (duckdb_append_data_chunk). DuckDB's
/// appender copies each chunk into its own buffer and appends that to the table at its close; the events table takes
/// its rows without that copy (<see cref="EventRowsInsert"/>), the smaller tables through this.
/// </summary>
internal sealed class ChunkAppender : ChunkFiller
{
    private readonly NativeAppender _appender;
    private readonly DuckDBLogicalType[] _types;
    private readonly DuckDBDataChunk _chunk;
    private bool _closed;

    private ChunkAppender(NativeAppender appender, DuckDBLogicalType[] types) : base(Lists(types))
    {
        _appender = appender;
        _types = types;
        _chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk(types.Select(t => t.DangerousGetHandle()).ToArray(), (ulong)types.Length);
        Start(_chunk.DangerousGetHandle());
    }

    public ChunkAppender(DuckDBConnection connection, string table, string? catalog = null, string? schema = null)
        : this(Create(connection, table, catalog, schema, out var types), types)
    {
    }

    private static NativeAppender Create(DuckDBConnection connection, string table, string? catalog, string? schema, out DuckDBLogicalType[] types)
    {
        var state = NativeMethods.Appender.DuckDBAppenderCreateExt(connection.NativeConnection, catalog, schema, table, out var appender);
        if (!state.IsSuccess())
        {
            var error = Error(appender);
            appender.Dispose();
            throw new InvalidOperationException($"cannot append to {table}: {error}");
        }
        types = ColumnTypes(appender);
        return appender;
    }

    /// <summary>A table's column types, in order, as an appender to it takes them.</summary>
    internal static DuckDBLogicalType[] ColumnTypes(DuckDBConnection connection, string table)
    {
        using var appender = Create(connection, table, null, null, out var types);
        return types;
    }

    /// <summary>The appender's (its table's) column types, in order.</summary>
    private static DuckDBLogicalType[] ColumnTypes(NativeAppender appender)
    {
        var columns = (int)NativeMethods.Appender.DuckDBAppenderColumnCount(appender);
        var types = new DuckDBLogicalType[columns];
        for (var c = 0; c < columns; c++) types[c] = NativeMethods.Appender.DuckDBAppenderColumnType(appender, (ulong)c);
        return types;
    }

    private static string Error(NativeAppender appender)
    {
        using var error = NativeMethods.Appender.DuckDBAppenderErrorData(appender);
        return NativeMethods.ErrorData.DuckDBErrorDataMessage(error);
    }

    protected override void Full() => AppendChunk();

    /// <summary>Hands the filled rows to DuckDB (which copies them) and starts an empty chunk.</summary>
    private void AppendChunk()
    {
        if (Rows == 0) return;
        Finish();
        var state = NativeMethods.Appender.DuckDBAppendDataChunk(_appender, _chunk);
        NativeMethods.DataChunks.DuckDBDataChunkReset(_chunk);
        Start(_chunk.DangerousGetHandle());
        if (!state.IsSuccess()) throw new InvalidOperationException("DuckDB appender: " + Error(_appender));
    }

    /// <summary>Appends the rows still in the chunk and closes the appender (DuckDB then appends them to the table).</summary>
    public override void Dispose()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            AppendChunk();
            if (!NativeMethods.Appender.DuckDBAppenderClose(_appender).IsSuccess())
                throw new InvalidOperationException("DuckDB appender: " + Error(_appender));
        }
        finally
        {
            _chunk.Dispose();
            foreach (var type in _types) type.Dispose();
            base.Dispose();
            _appender.Dispose();
        }
    }
}
