namespace NetWatch.Core.UrlClassification;

/// <summary>The distinct sets of categories entries belong to (few: most entries are in one category).</summary>
internal sealed class CategorySetTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<int[]> _sets = [];

    private int[] _singles = [];

    public int IdOfSingle(int category)
    {
        if (category >= _singles.Length)
        {
            var old = _singles.Length;
            Array.Resize(ref _singles, category + 16);
            _singles.AsSpan(old).Fill(-1);
        }
        var id = _singles[category];
        return id >= 0 ? id : _singles[category] = IdOf([category]);
    }

    public int IdOf(List<int> categories)
    {
        if (categories.Count > 1) categories.Sort();
        var key = categories.Count == 1 ? categories[0].ToString() : string.Join(',', categories);
        if (_ids.TryGetValue(key, out var id)) return id;
        id = _sets.Count;
        if (id > (int)FingerprintTable.SetMask) throw new InvalidOperationException("too many distinct category combinations");
        _ids[key] = id;
        _sets.Add(categories.ToArray());
        return id;
    }

    public int[][] ToArray() => _sets.ToArray();
}
