namespace NetWatch.Storage.Rollups;

/// <summary>
/// The values a writer knows a small roll-up side table (<see cref="RollupSpellings"/>, <see cref="RollupHosts"/>)
/// holds: those the table held when the writer first looked (<see cref="Load"/>), those stored by committed sessions
/// since, and those added by the open session. Only a commit makes them known, so that a rolled-back session's values
/// are written again by the next session that has them. Once loaded it knows the whole table (the writer is its only
/// writer while the store is open), so a value it calls new is not stored: it is inserted without looking for it.
/// </summary>
internal sealed class KnownValues
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);

    /// <summary>True once <see cref="Load"/> has given it the table's values.</summary>
    public bool Loaded { get; private set; }

    /// <summary>The values the table holds (read in the writer's first session that has values for it).</summary>
    public void Load(IEnumerable<string> stored)
    {
        _known.UnionWith(stored);
        Loaded = true;
    }

    /// <summary>True (and pending from now) when <paramref name="value"/> is neither known nor pending: it is to be stored.</summary>
    public bool IsNew(string value) => !_known.Contains(value) && _pending.Add(value);

    public void Committed()
    {
        _known.UnionWith(_pending);
        _pending.Clear();
    }

    public void RolledBack() => _pending.Clear();
}
