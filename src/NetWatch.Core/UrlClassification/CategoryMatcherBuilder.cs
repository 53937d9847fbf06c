using System.Text;
using NetWatch.Core.Urls;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// Collects the entries of one list set (squidGuard/UT1 layout: categories with <c>domains</c>, <c>urls</c>,
/// <c>expressions</c>) and builds a compact <see cref="CategoryMatcher"/>. Takes text or UTF-8 bytes, never paths:
/// the loaders in NetWatch.Pipeline read the files. A bad line throws <see cref="ReferenceDataException"/>.
/// </summary>
public sealed class CategoryMatcherBuilder
{
    private readonly Dictionary<string, int> _categoryIds = new(StringComparer.Ordinal);
    private readonly List<string> _categoryNames = [];
    private readonly ByteBlob _blob = new();
    private readonly EntryArrays _domains = new();
    private readonly EntryArrays _urls = new();
    private readonly HashSet<ulong> _urlHostKeys = [];
    private readonly Dictionary<int, List<string>> _expressions = [];
    private int _maxUrlRestLength;

    public string Name { get; }

    public CategoryMatcherBuilder(string name = "lists") => Name = name;

    /// <summary>Pre-sizes the domain arrays (e.g. from a file's length) so a huge list loads without regrowth.</summary>
    public void ReserveDomains(int additional) => _domains.Reserve(additional);

    /// <summary>Adds complete LF-terminated (or final, unterminated) lines of a <c>domains</c> file.</summary>
    /// <param name="lineNumber">number of the first line; advanced past the lines consumed</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void AddDomainLines(string category, ReadOnlySpan<byte> lines, string source, ref long lineNumber)
    {
        var id = CategoryId(category);
        while (!lines.IsEmpty)
        {
            var nl = lines.IndexOf((byte)'\n');
            var line = nl < 0 ? lines : lines[..nl];
            lines = nl < 0 ? default : lines[(nl + 1)..];
            AddDomain(id, ListEntryText.Content(line), source, lineNumber++);
        }
    }

    public void AddDomains(string category, IEnumerable<string> lines, string source)
    {
        var id = CategoryId(category);
        long lineNumber = 0;
        foreach (var line in lines)
            AddDomain(id, ListEntryText.Content(Encoding.UTF8.GetBytes(line)), source, ++lineNumber);
    }

    public void AddUrlLines(string category, ReadOnlySpan<byte> lines, string source, ref long lineNumber)
    {
        var id = CategoryId(category);
        while (!lines.IsEmpty)
        {
            var nl = lines.IndexOf((byte)'\n');
            var line = nl < 0 ? lines : lines[..nl];
            lines = nl < 0 ? default : lines[(nl + 1)..];
            AddUrl(id, ListEntryText.Content(line), source, lineNumber++);
        }
    }

    public void AddUrls(string category, IEnumerable<string> lines, string source)
    {
        var id = CategoryId(category);
        long lineNumber = 0;
        foreach (var line in lines)
            AddUrl(id, ListEntryText.Content(Encoding.UTF8.GetBytes(line)), source, ++lineNumber);
    }

    public void AddExpressions(string category, IEnumerable<string> lines, string source)
    {
        var id = CategoryId(category);
        long lineNumber = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (CategoryExpression.Validate(line) is { } problem)
                throw new ReferenceDataException(source, lineNumber, problem);
            if (!_expressions.TryGetValue(id, out var list)) _expressions[id] = list = [];
            list.Add(line);
        }
    }

    /// <summary>Declares a category even when its files are empty, so it is known by name.</summary>
    public void AddCategory(string category) => CategoryId(category);

    private int CategoryId(string category)
    {
        if (string.IsNullOrWhiteSpace(category)) throw new ArgumentException("category name is empty", nameof(category));
        if (_categoryIds.TryGetValue(category, out var id)) return id;
        id = _categoryNames.Count;
        _categoryIds[category] = id;
        _categoryNames.Add(category);
        return id;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void AddDomain(int category, ReadOnlySpan<byte> text, string source, long lineNumber)
    {
        if (text.IsEmpty) return;
        if (!ListEntryText.IsPlainHost(text))
        {
            var decoded = ListEntryText.Decode(text);
            var host = ListEntryText.NormaliseHost(decoded)
                ?? throw new ReferenceDataException(source, lineNumber, $"'{decoded}' is not a domain name or IP address");
            AddHost(category, Encoding.ASCII.GetBytes(host));
            return;
        }
        AddHost(category, text);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void AddHost(int category, ReadOnlySpan<byte> host)
    {
        var state = HostFingerprint.ReverseState(host);
        if (ListEntryText.IsDottedQuad(host) || host.IndexOf((byte)':') >= 0)
        {
            _domains.Add(HostFingerprint.ExactKey(state), _blob.Append(host), category);
            return;
        }
        _domains.Add(HostFingerprint.Finish(state), _blob.Append(host), category);
        // "www.example.com" also stands for the bare site "example.com", but not for its other subdomains.
        if (host.StartsWith("www."u8) && host[4..].IndexOf((byte)'.') > 0)
        {
            var bare = host[4..];
            _domains.Add(HostFingerprint.ExactKey(HostFingerprint.ReverseState(bare)), _blob.Append(bare), category);
        }
    }

    private void AddUrl(int category, ReadOnlySpan<byte> text, string source, long lineNumber)
    {
        if (text.IsEmpty) return;
        var entry = ListEntryText.Decode(text);
        var span = entry.AsSpan();
        var scheme = span.IndexOf("://");
        if (scheme >= 0) span = span[(scheme + 3)..];
        var cut = span.IndexOfAny('/', '?');
        var hostText = cut < 0 ? span : span[..cut];
        // A trailing '/' or '?' adds nothing: the boundary rule already ends a prefix there.
        var rest = cut < 0 ? "" : span[cut..].ToString().ToLowerInvariant().TrimEnd('/', '?');
        var host = ListEntryText.NormaliseHost(hostText.ToString())
            ?? throw new ReferenceDataException(source, lineNumber, $"'{entry}' does not start with a host name");
        if (!HostName.IsIpLiteral(host)) host = ListEntryText.StripWwwLike(host);
        var hostState = HostFingerprint.ReverseState(host.AsSpan());
        _urlHostKeys.Add(HostFingerprint.Finish(hostState));
        var key = HostFingerprint.Finish(HostFingerprint.Continue(hostState, rest.AsSpan()));
        _urls.Add(key, _blob.Append(Encoding.UTF8.GetBytes(host + rest)), category);
        _maxUrlRestLength = Math.Max(_maxUrlRestLength, rest.Length);
    }

    public CategoryMatcher Build()
    {
        // Final ids follow the ordinal order of the names, so sorted ids give categories in a stable order.
        var names = _categoryNames.Order(StringComparer.Ordinal).ToArray();
        var remap = new int[_categoryNames.Count];
        for (var i = 0; i < names.Length; i++) remap[_categoryIds[names[i]]] = i;

        var sets = new CategorySetTable();
        var domains = _domains.Build(_blob, remap, sets);
        var urls = _urls.Build(_blob, remap, sets);
        _blob.Trim();
        var expressions = _expressions
            .Select(kv => CategoryExpression.Compile(remap[kv.Key], kv.Value))
            .OrderBy(e => e.CategoryId)
            .ToArray();
        return new CategoryMatcher(Name, names, sets.ToArray(), domains, urls, _blob, _urlHostKeys, _maxUrlRestLength, expressions);
    }

    /// <summary>Growable parallel arrays of fingerprint and (blob offset, category) while loading.</summary>
    private sealed class EntryArrays
    {
        private ulong[] _keys = [];
        private ulong[] _items = [];
        private int _count;

        public void Reserve(int additional)
        {
            if (_count + additional > _keys.Length) Resize(_count + additional);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Add(ulong key, long offset, int category)
        {
            if (_count == _keys.Length) Resize(Math.Max(1024, _keys.Length * 2));
            _keys[_count] = key;
            _items[_count] = ((ulong)offset << FingerprintTable.SetBits) | (uint)category;
            _count++;
        }

        private void Resize(int capacity)
        {
            Array.Resize(ref _keys, capacity);
            Array.Resize(ref _items, capacity);
        }

        /// <summary>Sorts by fingerprint and merges entries with the same text into one with the union of categories.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public FingerprintTable Build(ByteBlob blob, int[] remap, CategorySetTable sets)
        {
            var keys = _keys;
            var items = _items;
            var n = _count;
            Array.Sort(keys, items, 0, n);
            var write = 0;
            var run = new List<(long Offset, List<int> Categories)>();
            for (var i = 0; i < n;)
            {
                if (i + 1 == n || keys[i + 1] != keys[i])
                {
                    var single = items[i];
                    keys[write] = keys[i];
                    items[write] = (single & ~FingerprintTable.SetMask)
                        | (uint)sets.IdOfSingle(remap[(int)(single & FingerprintTable.SetMask)]);
                    write++;
                    i++;
                    continue;
                }
                var j = i;
                run.Clear();
                while (j < n && keys[j] == keys[i])
                {
                    var offset = (long)(items[j] >> FingerprintTable.SetBits);
                    var category = remap[(int)(items[j] & FingerprintTable.SetMask)];
                    var text = blob.At(offset);
                    var found = false;
                    foreach (var r in run)
                    {
                        if (!blob.At(r.Offset).SequenceEqual(text)) continue;
                        if (!r.Categories.Contains(category)) r.Categories.Add(category);
                        found = true;
                        break;
                    }
                    if (!found) run.Add((offset, [category]));
                    j++;
                }
                foreach (var (offset, categories) in run)
                {
                    keys[write] = keys[i];
                    items[write] = ((ulong)offset << FingerprintTable.SetBits) | (uint)sets.IdOf(categories);
                    write++;
                }
                i = j;
            }
            _keys = [];
            _items = [];
            _count = 0;
            return new FingerprintTable(keys, items, write);
        }
    }
}
