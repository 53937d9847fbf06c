using System.Runtime.CompilerServices;
using System.Text;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using NodaTime;
using NativeAppender = DuckDB.NET.Native.DuckDBAppender;

namespace NetWatch.Storage.Events;

/// <summary>
/// A DuckDB appender to one table fed whole data chunks that this class fills in place: each value is written
/// straight into its column's vector memory (a null as a cleared validity bit, a string as DuckDB's 16-byte string
/// entry: inlined up to 12 bytes, else pointing at its UTF-8 bytes in <see cref="ChunkStrings"/>), and every
/// <see cref="Capacity"/> rows the chunk goes to DuckDB in one call (duckdb_append_data_chunk).
/// </summary>
/// <remarks>
/// DuckDB.NET's row appender does the same through a row object per row and, per value, an interface call, a type
/// switch, and for each null a native call; for each string a native call that encodes it, measures it again and
/// checks its UTF-8; for each timestamp a native call (and a UUID converted byte by byte). On the import's store thread
/// that was most of the ~8 s per million events of filling the appender (bench/results/fill-2026-12-03-session15.txt).
/// Strings are encoded by .NET's UTF-8 encoder, which never yields invalid UTF-8 (a lone surrogate becomes U+FFFD, as in
/// DuckDB.NET's marshalling), so DuckDB's check is not needed. The column types are the appender's own (so DuckDB takes
/// the chunk without a cast); the caller writes every column of a row, in order, then calls <see cref="EndRow"/>.
/// </remarks>
internal sealed unsafe class ChunkAppender : IDisposable
{
    /// <summary>Rows a chunk holds: DuckDB's vector size.</summary>
    public static readonly int Capacity = (int)NativeMethods.Helpers.DuckDBVectorSize();

    private readonly NativeAppender _appender;
    private readonly DuckDBLogicalType[] _types;
    private readonly DuckDBDataChunk _chunk;
    private readonly ChunkStrings _strings = new();
    private readonly int _columns;
    private readonly bool[] _isList;
    private readonly nint[] _vectors;
    private readonly nint[] _data;
    /// <summary>Each column's validity mask in this chunk, made writable at its first null (0: none yet, all valid).</summary>
    private readonly nint[] _validity;
    // LIST columns: the child vector, its data and validity, its entries used and its room.
    private readonly nint[] _child;
    private readonly nint[] _childData;
    private readonly nint[] _childValidity;
    private readonly int[] _listUsed;
    private readonly int[] _listRoom;
    private int _row;
    private bool _closed;

    public ChunkAppender(DuckDBConnection connection, string table, string? catalog = null, string? schema = null)
    {
        var state = NativeMethods.Appender.DuckDBAppenderCreateExt(connection.NativeConnection, catalog, schema, table, out _appender);
        if (!state.IsSuccess())
        {
            var error = Error(_appender);
            _appender.Dispose();
            throw new InvalidOperationException($"cannot append to {table}: {error}");
        }
        _columns = (int)NativeMethods.Appender.DuckDBAppenderColumnCount(_appender);
        _types = new DuckDBLogicalType[_columns];
        var handles = new IntPtr[_columns];
        _isList = new bool[_columns];
        for (var c = 0; c < _columns; c++)
        {
            _types[c] = NativeMethods.Appender.DuckDBAppenderColumnType(_appender, (ulong)c);
            handles[c] = _types[c].DangerousGetHandle();
            _isList[c] = NativeMethods.LogicalType.DuckDBGetTypeId(_types[c]) == DuckDBType.List;
        }
        _chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk(handles, (ulong)_columns);
        _vectors = new nint[_columns];
        _data = new nint[_columns];
        _validity = new nint[_columns];
        _child = new nint[_columns];
        _childData = new nint[_columns];
        _childValidity = new nint[_columns];
        _listUsed = new int[_columns];
        _listRoom = new int[_columns];
        Bind();
    }

    /// <summary>Points each column at its vector in the (reset) chunk: vectors may change buffers at a reset.</summary>
    private void Bind()
    {
        for (var c = 0; c < _columns; c++)
        {
            var vector = NativeMethods.DataChunks.DuckDBDataChunkGetVector(_chunk, c);
            _vectors[c] = vector;
            _data[c] = (nint)NativeMethods.Vectors.DuckDBVectorGetData(vector);
            _validity[c] = 0;
            if (!_isList[c]) continue;
            ReserveList(c, Capacity);
            _listUsed[c] = 0;
        }
    }

    /// <summary>Room for <paramref name="entries"/> entries in a LIST column's child vector (its buffer may move).</summary>
    private void ReserveList(int column, int entries)
    {
        var vector = _vectors[column];
        if (!NativeMethods.Vectors.DuckDBListVectorReserve(vector, (ulong)entries).IsSuccess())
            throw new InvalidOperationException($"DuckDB could not reserve {entries} list entries");
        var child = NativeMethods.Vectors.DuckDBListVectorGetChild(vector);
        _child[column] = child;
        _childData[column] = (nint)NativeMethods.Vectors.DuckDBVectorGetData(child);
        _childValidity[column] = (nint)NativeMethods.Vectors.DuckDBVectorGetValidity(child);
        _listRoom[column] = entries;
    }

    /// <summary>
    /// Ends the row whose <paramref name="columns"/> columns were written (all of the table's, or it throws: a column
    /// not written would hold what the chunk held before): the next row, or the next chunk when this one is full.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndRow(int columns)
    {
        if (columns != _columns) throw new InvalidOperationException($"a row of {columns} values for a table of {_columns} columns");
        if (++_row == Capacity) AppendChunk();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Null(int column) => ClearBit(_validity[column] != 0 ? (ulong*)_validity[column] : WritableValidity(column), _row);

    private ulong* WritableValidity(int column)
    {
        NativeMethods.Vectors.DuckDBVectorEnsureValidityWritable(_vectors[column]);
        var mask = NativeMethods.Vectors.DuckDBVectorGetValidity(_vectors[column]);
        _validity[column] = (nint)mask;
        return mask;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ClearBit(ulong* mask, int row) => mask[row >> 6] &= ~(1UL << (row & 63));

    public void Int32(int column, int? value)
    {
        if (value is { } v) ((int*)_data[column])[_row] = v;
        else Null(column);
    }

    public void Int64(int column, long? value)
    {
        if (value is { } v) ((long*)_data[column])[_row] = v;
        else Null(column);
    }

    public void Double(int column, double? value)
    {
        if (value is { } v) ((double*)_data[column])[_row] = v;
        else Null(column);
    }

    public void Boolean(int column, bool? value)
    {
        if (value is { } v) ((byte*)_data[column])[_row] = v ? (byte)1 : (byte)0;
        else Null(column);
    }

    /// <summary>A TIMESTAMP: microseconds since the Unix epoch, rounded down (as DateTime's ticks to DuckDB's).</summary>
    public void Timestamp(int column, Instant? value)
    {
        if (value is { } v) ((long*)_data[column])[_row] = Micros(v);
        else Null(column);
    }

    internal static long Micros(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return ticks >= 0 ? ticks / 10 : (ticks - 9) / 10;
    }

    /// <summary>
    /// A UUID: DuckDB keeps it as a 128-bit integer (lower 64 bits first) whose value is the UUID read big-endian with
    /// its top bit flipped (so that integer order is the text order), which is <paramref name="value"/> so flipped.
    /// </summary>
    public void Uuid(int column, UInt128 value)
    {
        var at = (ulong*)_data[column] + 2 * _row;
        at[0] = (ulong)value;
        at[1] = (ulong)(value >> 64) ^ (1UL << 63);
    }

    public void Varchar(int column, string? value)
    {
        if (value is null) Null(column);
        else WriteString((byte*)_data[column] + 16 * _row, value);
    }

    /// <summary>A VARCHAR[]: null, or the entries (an empty list is stored empty, not null).</summary>
    public void VarcharList(int column, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            Null(column);
            return;
        }
        var count = values.Count;
        var used = _listUsed[column];
        if (used + count > _listRoom[column]) ReserveList(column, Math.Max(2 * _listRoom[column], used + count));
        var entry = (ulong*)_data[column] + 2 * _row;
        entry[0] = (ulong)used;
        entry[1] = (ulong)count;
        var child = (byte*)_childData[column];
        for (var i = 0; i < count; i++)
        {
            if (values[i] is { } item) WriteString(child + 16 * (used + i), item);
            else ClearBit(ChildValidity(column), used + i);
        }
        _listUsed[column] = used + count;
    }

    private ulong* ChildValidity(int column)
    {
        if (_childValidity[column] != 0) return (ulong*)_childValidity[column];
        NativeMethods.Vectors.DuckDBVectorEnsureValidityWritable(_child[column]);
        var mask = NativeMethods.Vectors.DuckDBVectorGetValidity(_child[column]);
        _childValidity[column] = (nint)mask;
        return mask;
    }

    /// <summary>A string encoded as UTF-8 into the chunk's string memory, and its entry (<see cref="Place"/>).</summary>
    private void WriteString(byte* entry, string value)
    {
        var room = Encoding.UTF8.GetMaxByteCount(value.Length);
        var bytes = _strings.Reserve(room);
        Place(entry, bytes, Encoding.UTF8.GetBytes(value, new Span<byte>(bytes, room)));
    }

    /// <summary>
    /// A VARCHAR whose UTF-8 text <paramref name="write"/> puts straight into the chunk's string memory (at most
    /// <paramref name="maxBytes"/>; it returns how many): text made for this column only (a visit's personal time as
    /// JSON) needs no string of its own. The bytes must be valid UTF-8 (DuckDB does not check them here).
    /// </summary>
    public void Utf8<TState>(int column, TState state, int maxBytes, Utf8Writer<TState> write)
    {
        var bytes = _strings.Reserve(maxBytes);
        Place((byte*)_data[column] + 16 * _row, bytes, write(state, new Span<byte>(bytes, maxBytes)));
    }

    /// <summary>Writes UTF-8 text into <paramref name="into"/>; returns its length in bytes.</summary>
    public delegate int Utf8Writer<in TState>(TState state, Span<byte> into);

    /// <summary>
    /// The string entry (duckdb_string_t, 16 bytes) for <paramref name="length"/> UTF-8 bytes at <paramref name="bytes"/>
    /// (room from <see cref="ChunkStrings.Reserve"/>, kept only when the string is too long to inline): its length, then up
    /// to 12 bytes inlined (the rest zero: DuckDB compares inlined strings by their whole 16 bytes), or the first 4 bytes
    /// and a pointer to all of them.
    /// </summary>
    private void Place(byte* entry, byte* bytes, int length)
    {
        if (length <= 12)
        {
            ((ulong*)entry)[0] = 0;
            ((ulong*)entry)[1] = 0;
            *(uint*)entry = (uint)length;
            Buffer.MemoryCopy(bytes, entry + 4, 12, length);
            return;
        }
        _strings.Commit(bytes, length);
        *(uint*)entry = (uint)length;
        *(uint*)(entry + 4) = *(uint*)bytes;
        *(byte**)(entry + 8) = bytes;
    }

    private static string Error(NativeAppender appender)
    {
        using var error = NativeMethods.Appender.DuckDBAppenderErrorData(appender);
        return NativeMethods.ErrorData.DuckDBErrorDataMessage(error);
    }

    /// <summary>Hands the filled rows to DuckDB (which copies them) and starts an empty chunk.</summary>
    private void AppendChunk()
    {
        if (_row == 0) return;
        for (var c = 0; c < _columns; c++)
            if (_isList[c]) NativeMethods.Vectors.DuckDBListVectorSetSize(_vectors[c], (ulong)_listUsed[c]);
        NativeMethods.DataChunks.DuckDBDataChunkSetSize(_chunk, (ulong)_row);
        var state = NativeMethods.Appender.DuckDBAppendDataChunk(_appender, _chunk);
        NativeMethods.DataChunks.DuckDBDataChunkReset(_chunk);
        _strings.Reset();
        _row = 0;
        if (!state.IsSuccess()) throw new InvalidOperationException("DuckDB appender: " + Error(_appender));
        Bind();
    }

    /// <summary>Appends the rows still in the chunk and closes the appender (DuckDB then appends them to the table).</summary>
    public void Dispose()
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
            _strings.Dispose();
            _appender.Dispose();
        }
    }
}
