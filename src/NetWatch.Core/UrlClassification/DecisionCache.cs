namespace NetWatch.Core.UrlClassification;

/// <summary>
/// A bounded cache of recent decisions, by key: two generations of at most <c>capacity</c> entries each; when the
/// current one is full it becomes the old one and the old one is dropped, so memory stays within 2 × capacity and
/// keys asked for again recently survive. Thread-safe (one lock: the decisions it saves cost milliseconds).
/// </summary>
public sealed class DecisionCache<TValue>(int capacity)
{
    private readonly Lock _lock = new();
    private Dictionary<string, TValue> _current = new(StringComparer.Ordinal);
    private Dictionary<string, TValue> _old = new(StringComparer.Ordinal);

    public int Count { get { lock (_lock) return _current.Count + _old.Count; } }

    public bool TryGet(string key, out TValue value)
    {
        lock (_lock)
        {
            if (_current.TryGetValue(key, out value!)) return true;
            if (!_old.Remove(key, out value!)) return false;
            AddLocked(key, value);
            return true;
        }
    }

    public void Add(string key, TValue value)
    {
        lock (_lock) AddLocked(key, value);
    }

    private void AddLocked(string key, TValue value)
    {
        if (_current.Count >= capacity && !_current.ContainsKey(key))
        {
            _old = _current;
            _current = new Dictionary<string, TValue>(StringComparer.Ordinal);
        }
        _current[key] = value;
    }
}
