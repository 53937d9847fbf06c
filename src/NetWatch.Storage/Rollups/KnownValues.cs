namespace NetWatch.Storage.Rollups;

/// <summary>
/// The values a writer knows a small roll-up side table (<see cref="RollupSpellings"/>, <see cref="RollupHosts"/>)
/// holds: those stored by committed sessions, and those added by the open session. Only a commit makes them known, so
/// that a rolled-back session's values are written again by the next session that has them.
/// </summary>
internal sealed class KnownValues
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);

    /// <summary>True (and pending from now) when <paramref name="value"/> is neither known nor pending: it is to be stored.</summary>
    public bool IsNew(string value) => !_known.Contains(value) && _pending.Add(value);

    public void Committed()
    {
        _known.UnionWith(_pending);
        _pending.Clear();
    }

    public void RolledBack() => _pending.Clear();
}
