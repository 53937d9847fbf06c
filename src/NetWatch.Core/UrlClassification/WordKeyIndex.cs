using System.Runtime.CompilerServices;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// The safeguarding matchers' index of first words: each key (the first word of a phrase or of a pattern's
/// alternative, and for words of 5+ letters each spelling of it with one letter left out) → the entries it starts.
/// A text word is asked as it is and, from 4 letters, with each letter left out in turn (a slip such as "sucide").
/// Those lookups were most of the lexical layer's time: up to one per letter, per word, per index, and most words of
/// most URLs ("images", "static", "id") start nothing. Two bit filters answer most of them without a lookup: the
/// key's first two letters, and a bit per polynomial hash of each key, which is computed for a one-letter-out
/// spelling from the word's prefix hashes without building it. Neither has false negatives, so the answers are the
/// dictionary's alone.
/// </summary>
internal sealed class WordKeyIndex
{
    public const int FuzzyMinLength = 5;

    /// <summary>The longest text word asked with a letter left out (a longer one is asked as it is only).</summary>
    public const int MaxNearLength = 64;

    private const int HashBitsLog2 = 18; // 32 KB; a few thousand keys leave most bits clear
    private const ulong HashBase = 0x100000001b3UL;
    private static readonly ulong[] Powers = PowersOfBase();

    private readonly Dictionary<string, List<int>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ulong[] _prefixBits = new ulong[1024];
    private readonly ulong[] _hashBits = new ulong[(1 << HashBitsLog2) / 64];

    public WordKeyIndex() => _lookup = _byKey.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Indexes a first word (and its one-letter-out spellings when it has 5+ letters) as starting the entry.</summary>
    public void Add(string word, int entry)
    {
        AddKey(word, entry);
        if (word.Length >= FuzzyMinLength)
            for (var k = 0; k < word.Length; k++) AddKey(word.Remove(k, 1), entry);
    }

    private void AddKey(string key, int entry)
    {
        if (!_byKey.TryGetValue(key, out var list)) _byKey[key] = list = [];
        if (!list.Contains(entry)) list.Add(entry);
        if (key.Length >= 2) Set(_prefixBits, Pair(key[0], key[1]));
        Set(_hashBits, Slot(Hash(key)));
    }

    /// <summary>The entries the word starts as it is, or null.</summary>
    public List<int>? Exact(ReadOnlySpan<char> word) => Exact(word, word.Length <= MaxNearLength ? Hash(word) : null);

    /// <summary><see cref="Exact(ReadOnlySpan{char})"/> with the word's hash already known (null: too long to filter by it).</summary>
    private List<int>? Exact(ReadOnlySpan<char> word, ulong? hash)
    {
        if (word.Length >= 2 && !Has(_prefixBits, Pair(word[0], word[1]))) return null;
        if (hash is { } h && !Has(_hashBits, Slot(h))) return null;
        return _lookup.TryGetValue(word, out var list) ? list : null;
    }

    /// <summary>The entries the word starts as it is, then with each letter left out (4+ letters): each list found.</summary>
    public NearKeys Near(ReadOnlySpan<char> word) => new(this, word);

    /// <summary>
    /// Whether <see cref="Near"/> finds any list: the same look-ups, stopping at the first, without the enumerator's
    /// buffers (sized for the longest word and cleared for each word, they were most of a short word's cost).
    /// </summary>
    [SkipLocalsInit]
    public bool AnyNear(ReadOnlySpan<char> word)
    {
        var length = word.Length;
        if (length < FuzzyMinLength - 1 || length > MaxNearLength) return Exact(word) is not null;
        Span<ulong> prefix = stackalloc ulong[length + 1]; // prefix[i]: hash of the word's first i letters
        prefix[0] = 0;
        for (var i = 0; i < length; i++) prefix[i + 1] = prefix[i] * HashBase + word[i];
        if (Exact(word, prefix[length]) is not null) return true;
        Span<char> buffer = stackalloc char[length - 1];
        for (var k = 0; k < length; k++)
        {
            // As NearKeys.MoveNext: the pair filter, then the hash filter, then the dictionary.
            var pair = k >= 2 ? Pair(word[0], word[1]) : k == 1 ? Pair(word[0], word[2]) : Pair(word[1], word[2]);
            if (!Has(_prefixBits, pair)) { if (k >= 2) return false; continue; }
            var shift = Powers[length - 1 - k];
            var without = prefix[k] * shift + (prefix[length] - prefix[k + 1] * shift);
            if (!Has(_hashBits, Slot(without))) continue;
            word[..k].CopyTo(buffer);
            word[(k + 1)..].CopyTo(buffer[k..]);
            if (_lookup.TryGetValue(buffer, out _)) return true;
        }
        return false;
    }

    /// <summary>Enumerates the lists of <see cref="Near"/> without allocating.</summary>
    public ref struct NearKeys
    {
        private readonly WordKeyIndex _index;
        private readonly ReadOnlySpan<char> _word;
        private PrefixHashes _prefix; // _prefix[i]: hash of the word's first i letters
        private LetterBuffer _buffer;
        private int _k;

        internal NearKeys(WordKeyIndex index, ReadOnlySpan<char> word)
        {
            _index = index;
            _word = word;
            _k = -1;
            Current = null!;
        }

        public List<int> Current { get; private set; }

        public readonly NearKeys GetEnumerator() => this;

        public bool MoveNext()
        {
            var length = _word.Length;
            if (_k < 0)
            {
                _k = 0;
                var hashed = length >= FuzzyMinLength - 1 && length <= MaxNearLength;
                if (hashed)
                {
                    Span<ulong> prefix = _prefix;
                    prefix[0] = 0;
                    for (var i = 0; i < length; i++) prefix[i + 1] = prefix[i] * HashBase + _word[i];
                }
                // The whole word's hash is the last prefix hash when those were computed.
                if ((hashed ? _index.Exact(_word, _prefix[length]) : _index.Exact(_word)) is { } exact) { Current = exact; return true; }
            }
            if (length < FuzzyMinLength - 1 || length > MaxNearLength) return false;
            ReadOnlySpan<ulong> hashes = _prefix;
            for (; _k < length; _k++)
            {
                var k = _k;
                // The key without letter k starts with w[0]w[1] (k >= 2), w[0]w[2] (k = 1) or w[1]w[2] (k = 0).
                var pair = k >= 2 ? Pair(_word[0], _word[1]) : k == 1 ? Pair(_word[0], _word[2]) : Pair(_word[1], _word[2]);
                if (!Has(_index._prefixBits, pair)) { if (k >= 2) { _k = length; return false; } continue; }
                // Hash of the word without letter k: its first k letters shifted over the rest, plus the rest.
                var shift = Powers[length - 1 - k];
                var without = hashes[k] * shift + (hashes[length] - hashes[k + 1] * shift);
                if (!Has(_index._hashBits, Slot(without))) continue;
                Span<char> buffer = _buffer;
                _word[..k].CopyTo(buffer);
                _word[(k + 1)..].CopyTo(buffer[k..]);
                if (_index._lookup.TryGetValue(buffer[..(length - 1)], out var near))
                {
                    Current = near;
                    _k++;
                    return true;
                }
            }
            return false;
        }
    }

    [InlineArray(MaxNearLength + 1)]
    private struct PrefixHashes { private ulong _first; }

    [InlineArray(MaxNearLength)]
    private struct LetterBuffer { private char _first; }

    /// <summary>The polynomial hash the filter is built from: h = h * base + c over the letters, wrapping.</summary>
    internal static ulong Hash(ReadOnlySpan<char> word)
    {
        ulong h = 0;
        foreach (var c in word) h = h * HashBase + c;
        return h;
    }

    /// <summary>The hash of the word with letter k left out, as <see cref="NearKeys"/> computes it (for tests).</summary>
    internal static ulong HashWithout(ReadOnlySpan<char> word, int k)
    {
        var prefix = new ulong[word.Length + 1];
        for (var i = 0; i < word.Length; i++) prefix[i + 1] = prefix[i] * HashBase + word[i];
        var shift = Powers[word.Length - 1 - k];
        return prefix[k] * shift + (prefix[word.Length] - prefix[k + 1] * shift);
    }

    private static ulong[] PowersOfBase()
    {
        var powers = new ulong[MaxNearLength + 1];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * HashBase;
        return powers;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(ulong hash) => (int)((hash * 0x9e3779b97f4a7c15UL) >> (64 - HashBitsLog2));

    private static void Set(ulong[] bits, int i) => bits[i >> 6] |= 1UL << (i & 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Has(ulong[] bits, int i) => (bits[i >> 6] & (1UL << (i & 63))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Pair(char a, char b) => (a & 0xFF) << 8 | (b & 0xFF);
}
