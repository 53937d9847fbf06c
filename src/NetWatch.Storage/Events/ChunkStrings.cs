using System.Runtime.InteropServices;

namespace NetWatch.Storage.Events;

/// <summary>
/// Native memory for the UTF-8 bytes of one data chunk's strings longer than DuckDB inlines (12 bytes): a
/// <see cref="ChunkFiller"/> points the chunk's string entries here, and DuckDB copies them when it takes the chunk
/// (the appender into its buffer, ColumnDataCollection::Append; an insert into the table's segments, before it asks
/// the table function for the next chunk), so the bytes are needed only until then and the blocks are reused for the
/// next chunk (<see cref="Reset"/>). Blocks never move, so a pointer handed out stays valid
/// until the reset.
/// </summary>
internal sealed unsafe class ChunkStrings : IDisposable
{
    private const int BlockSize = 1 << 20;

    private readonly List<nint> _blocks = [];
    /// <summary>Allocations for single strings too long for a block; freed at the reset.</summary>
    private readonly List<nint> _large = [];
    private int _block = -1;
    private byte* _at;
    private byte* _end;

    /// <summary>
    /// Room for up to <paramref name="bytes"/> bytes; only the bytes then <see cref="Commit"/>ted stay reserved (a string
    /// short enough to inline is encoded here and copied, its room used again by the next).
    /// </summary>
    public byte* Reserve(int bytes)
    {
        if (_end - _at >= bytes) return _at;
        if (bytes > BlockSize / 4)
        {
            var large = (byte*)NativeMemory.Alloc((nuint)bytes);
            _large.Add((nint)large);
            return large;
        }
        if (++_block == _blocks.Count) _blocks.Add((nint)NativeMemory.Alloc(BlockSize));
        _at = (byte*)_blocks[_block];
        _end = _at + BlockSize;
        return _at;
    }

    /// <summary>Keeps the first <paramref name="bytes"/> of the room <see cref="Reserve"/> returned at <paramref name="at"/>.</summary>
    public void Commit(byte* at, int bytes)
    {
        if (at == _at) _at += bytes;
    }

    /// <summary>After the chunk was appended: every block free again.</summary>
    public void Reset()
    {
        foreach (var large in _large) NativeMemory.Free((void*)large);
        _large.Clear();
        _block = -1;
        _at = _end = null;
    }

    public void Dispose()
    {
        Reset();
        foreach (var block in _blocks) NativeMemory.Free((void*)block);
        _blocks.Clear();
    }
}
