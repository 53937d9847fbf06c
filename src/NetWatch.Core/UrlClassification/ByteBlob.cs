namespace NetWatch.Core.UrlClassification;

/// <summary>
/// Append-only storage of entry texts, each followed by '\n', in 16 MiB pages so that a list of millions of
/// entries grows without copying a huge array. An offset is page &lt;&lt; 24 | position.
/// </summary>
internal sealed class ByteBlob
{
    private const int PageBits = 24;
    private const int PageSize = 1 << PageBits;
    private readonly List<byte[]> _pages = [];
    private int _used;

    public long Length { get; private set; }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public long Append(ReadOnlySpan<byte> text)
    {
        var need = text.Length + 1;
        if (need > PageSize) throw new ArgumentException("entry longer than a blob page");
        if (_pages.Count == 0) { _pages.Add(new byte[1 << 16]); _used = 0; }
        var page = _pages[^1];
        if (_used + need > page.Length)
        {
            if (page.Length < PageSize)
            {
                Array.Resize(ref page, Math.Min(PageSize, Math.Max(page.Length * 2, _used + need)));
                _pages[^1] = page;
            }
            if (_used + need > page.Length)
            {
                page = new byte[PageSize];
                _pages.Add(page);
                _used = 0;
            }
        }
        text.CopyTo(page.AsSpan(_used));
        page[_used + text.Length] = (byte)'\n';
        var offset = ((long)(_pages.Count - 1) << PageBits) | (uint)_used;
        _used += need;
        Length += need;
        return offset;
    }

    /// <summary>The entry text at an offset (without its '\n').</summary>
    public ReadOnlySpan<byte> At(long offset)
    {
        var page = _pages[(int)(offset >> PageBits)];
        var span = page.AsSpan((int)(offset & (PageSize - 1)));
        return span[..span.IndexOf((byte)'\n')];
    }

    /// <summary>Releases the unused tail of the last page.</summary>
    public void Trim()
    {
        if (_pages.Count == 0) return;
        var last = _pages[^1];
        if (_used < last.Length) _pages[^1] = last.AsSpan(0, _used).ToArray();
    }

    public long AllocatedBytes => _pages.Sum(p => (long)p.Length);
}
