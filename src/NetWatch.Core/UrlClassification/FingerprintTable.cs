namespace NetWatch.Core.UrlClassification;

/// <summary>
/// A sorted array of 64-bit fingerprints with a parallel array of packed items (blob offset &lt;&lt; 24 | set id),
/// and a directory over the top bits of the fingerprint so a lookup scans only a handful of adjacent keys.
/// About 16 bytes per entry plus the entry text: no per-entry objects.
/// </summary>
internal sealed class FingerprintTable
{
    public const int SetBits = 24;
    public const ulong SetMask = (1UL << SetBits) - 1;

    private readonly ulong[] _keys;
    private readonly ulong[] _items;
    private readonly int _count;
    private readonly int[] _directory;
    private readonly int _shift;

    public static readonly FingerprintTable Empty = new([], [], 0);

    /// <param name="keys">sorted ascending (only the first <paramref name="count"/> are used)</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public FingerprintTable(ulong[] keys, ulong[] items, int count)
    {
        _keys = keys;
        _items = items;
        _count = count;
        var bits = Math.Clamp((int)Math.Ceiling(Math.Log2(Math.Max(count, 1))) - 2, 1, 24);
        _shift = 64 - bits;
        _directory = new int[(1 << bits) + 1];
        var k = 0;
        for (var b = 0; b < (1 << bits); b++)
        {
            _directory[b] = k;
            while (k < count && (int)(keys[k] >> _shift) == b) k++;
        }
        _directory[1 << bits] = count;
    }

    public int Count => _count;

    public long MemoryBytes => (long)_keys.Length * 16 + (long)_directory.Length * 4;

    /// <summary>Index of the first key equal to <paramref name="key"/>, or -1. Equal keys are adjacent.</summary>
    public int Find(ulong key)
    {
        var bucket = (int)(key >> _shift);
        var end = _directory[bucket + 1];
        for (var i = _directory[bucket]; i < end; i++)
        {
            var k = _keys[i];
            if (k == key) return i;
            if (k > key) return -1;
        }
        return -1;
    }

    public bool KeyAt(int index, ulong key) => index < _count && _keys[index] == key;

    public ulong ItemAt(int index) => _items[index];
}
