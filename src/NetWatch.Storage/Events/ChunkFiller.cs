using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using DuckDB.NET.Native;
using NodaTime;

namespace NetWatch.Storage.Events;

/// <summary>
/// Fills a DuckDB data chunk in place, row by row: each value is written straight into its column's vector memory (a
/// null as a cleared validity bit, a string as DuckDB's 16-byte string entry: inlined up to 12 bytes, else pointing at
/// its UTF-8 bytes in <see cref="ChunkStrings"/>). The chunk is either one of ours handed to an appender
/// (<see cref="ChunkAppender"/>) or the output chunk DuckDB hands a table function (<see cref="EventRowsInsert"/>).
/// </summary>
/// <remarks>
/// DuckDB.NET's row appender does the same through a row object per row and, per value, an interface call, a type
/// switch, and for each null a native call; for each string a native call that encodes it, measures it again and
/// checks its UTF-8; for each timestamp a native call (and a UUID converted byte by byte). On the import's store thread
/// that was most of the ~8 s per million events of filling the appender (bench/results/fill-2026-12-03-session15.txt).
/// Strings are encoded by .NET's UTF-8 encoder, which never yields invalid UTF-8 (a lone surrogate becomes U+FFFD, as in
/// DuckDB.NET's marshalling), so DuckDB's check is not needed. The column types are the table's own (so DuckDB takes
/// the chunk without a cast); the caller writes every column of a row, in order, then calls <see cref="EndRow"/>.
/// The strings' bytes must outlive the chunk's use by DuckDB: until the next <see cref="Start"/>.
/// </remarks>
internal abstract unsafe class ChunkFiller : IDisposable
{
    /// <summary>Rows a chunk holds: DuckDB's vector size.</summary>
    public static readonly int Capacity = (int)NativeMethods.Helpers.DuckDBVectorSize();

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
    private nint _chunk;
    private int _row;

    /// <param name="isList">For each of the table's columns, in order: whether it is a LIST.</param>
    protected ChunkFiller(bool[] isList)
    {
        _isList = isList;
        _columns = isList.Length;
        _vectors = new nint[_columns];
        _data = new nint[_columns];
        _validity = new nint[_columns];
        _child = new nint[_columns];
        _childData = new nint[_columns];
        _childValidity = new nint[_columns];
        _listUsed = new int[_columns];
        _listRoom = new int[_columns];
    }

    /// <summary>Whether each of these column types is a LIST.</summary>
    protected static bool[] Lists(IReadOnlyList<DuckDBLogicalType> types) =>
        types.Select(t => NativeMethods.LogicalType.DuckDBGetTypeId(t) == DuckDBType.List).ToArray();

    /// <summary>Rows written into the current chunk.</summary>
    public int Rows => _row;

    /// <summary>
    /// Starts filling <paramref name="chunk"/> (empty, or reset) from its first row: points each column at its vector
    /// (vectors may change buffers at a reset), and frees the strings of the chunk before.
    /// </summary>
    protected void Start(nint chunk)
    {
        _chunk = chunk;
        _strings.Reset();
        _row = 0;
        for (var c = 0; c < _columns; c++)
        {
            var vector = duckdb_data_chunk_get_vector(chunk, (ulong)c);
            _vectors[c] = vector;
            _data[c] = (nint)NativeMethods.Vectors.DuckDBVectorGetData(vector);
            _validity[c] = 0;
            if (!_isList[c]) continue;
            ReserveList(c, Capacity);
            _listUsed[c] = 0;
        }
    }

    /// <summary>Sets the chunk's size (and its lists' sizes) to the rows written.</summary>
    protected void Finish()
    {
        for (var c = 0; c < _columns; c++)
            if (_isList[c]) NativeMethods.Vectors.DuckDBListVectorSetSize(_vectors[c], (ulong)_listUsed[c]);
        duckdb_data_chunk_set_size(_chunk, (ulong)_row);
    }

    /// <summary>The chunk holds <see cref="Capacity"/> rows: the caller must take it before the next row.</summary>
    protected abstract void Full();

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
    /// not written would hold what the chunk held before): the next row, or <see cref="Full"/> when this one is full.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndRow(int columns)
    {
        if (columns != _columns) throw new InvalidOperationException($"a row of {columns} values for a table of {_columns} columns");
        if (++_row == Capacity) Full();
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

    public virtual void Dispose() => _strings.Dispose();

    // DuckDB.NET takes a chunk only as its owning handle; a table function's output chunk is DuckDB's, so by pointer
    // (also BatchIdsFunction's).
    [DllImport("duckdb", CallingConvention = CallingConvention.Cdecl)]
    internal static extern nint duckdb_data_chunk_get_vector(nint chunk, ulong column);

    [DllImport("duckdb", CallingConvention = CallingConvention.Cdecl)]
    internal static extern void duckdb_data_chunk_set_size(nint chunk, ulong size);
}
