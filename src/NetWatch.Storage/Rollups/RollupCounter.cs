using System.Runtime.InteropServices;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// A write session's roll-up rows being counted: every write call's new events (findings aside) added to one set of rows
/// per table, by period and key, so that a key the session's calls share becomes one row (<see cref="RollupWriter"/>
/// appends them at the commit). One pass over the events counts the events and people tables: each column the tables key
/// on is read and hashed once an event (<see cref="RollupEventValues"/>), and a table's key hash is combined from those.
/// Each table's key is its own struct, sized to its columns and compared field by field (the set's default comparer,
/// inlined): one key type for every table, with room for the widest's ten values read as objects through a comparer,
/// took ~1.2-1.4 us an event (bench/results/count-2026-12-06-session32.txt). The sites table is not counted per event:
/// its columns are a subset of the people table's and its day a set of hours, so its rows are the people rows folded
/// (<see cref="Sites"/>), in the same order (a site key's first people row is its first event's) -- a people row for every
/// two events of a live session, so half the look-ups. The sets keep their capacity from session to session, so that
/// counting allocates nothing once they have grown to a session's keys.
/// </summary>
internal sealed class RollupCounter
{
    private readonly RollupEventValues _values = new();
    private readonly Dictionary<SitesRollupKey, RollupSums> _sites = [];
    private bool _sitesFolded;

    /// <summary>The newest hour of the events counted since the last <see cref="Clear"/>.</summary>
    public Instant? NewestHour { get; private set; }

    /// <summary>The events table's rows counted so far, in the order their keys first came (read it, do not change it).</summary>
    public Dictionary<EventsRollupKey, RollupSums> Events { get; } = [];

    /// <summary>The people table's rows counted so far, in the order their keys first came (read it, do not change it).</summary>
    public Dictionary<PeopleRollupKey, RollupSums> People { get; } = [];

    /// <summary>The sites table's rows: the people rows folded to their sites columns and days, once per session's
    /// events (folded again if events were added since), in the order their keys first came (read it, do not change it).</summary>
    public Dictionary<SitesRollupKey, RollupSums> Sites
    {
        get
        {
            if (!_sitesFolded) FoldSites();
            return _sites;
        }
    }

    /// <summary>A table's rows, each key as <see cref="IRollupKey"/> (boxed: for tests and diagnostics, not the write).</summary>
    public IEnumerable<KeyValuePair<IRollupKey, RollupSums>> Rows(RollupTable table) =>
        table == RollupTables.Events ? Events.Select(r => new KeyValuePair<IRollupKey, RollupSums>(r.Key, r.Value))
        : table == RollupTables.People ? People.Select(r => new KeyValuePair<IRollupKey, RollupSums>(r.Key, r.Value))
        : table == RollupTables.Sites ? Sites.Select(r => new KeyValuePair<IRollupKey, RollupSums>(r.Key, r.Value))
        : throw new ArgumentException($"not a roll-up: {table.Name}", nameof(table));

    /// <summary>How many keys the table's set has room for without growing.</summary>
    public int Room(RollupTable table) =>
        table == RollupTables.Events ? Events.EnsureCapacity(0)
        : table == RollupTables.People ? People.EnsureCapacity(0)
        : table == RollupTables.Sites ? _sites.EnsureCapacity(0)
        : throw new ArgumentException($"not a roll-up: {table.Name}", nameof(table));

    public void Add(IReadOnlyList<NetEvent> events)
    {
        var values = _values;
        for (var n = 0; n < events.Count; n++)
        {
            var e = events[n];
            if (e.Finding is not null) continue;
            values.Read(e);
            var hour = RollupWriter.HourOf(e.Timestamp);
            if (NewestHour is not { } newest || hour > newest) NewestHour = hour;
            var ticks = hour.ToUnixTimeTicks();
            Count(Events, new EventsRollupKey(ticks, values), e.Timestamp, e.ResponseBytes);
            Count(People, new PeopleRollupKey(ticks, values), e.Timestamp, e.ResponseBytes);
            _sitesFolded = false;
        }
    }

    /// <summary>Forgets every row counted (the session committed them, or was rolled back).</summary>
    public void Clear()
    {
        Clear(Events);
        Clear(People);
        Clear(_sites);
        _sitesFolded = false;
        NewestHour = null;
        _values.Forget();
    }

    private static void Count<TKey>(Dictionary<TKey, RollupSums> rows, TKey key, Instant timestamp, long? bytes) where TKey : struct, IEquatable<TKey>
    {
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(rows, key, out var seen);
        if (!seen) sums = new RollupSums(timestamp);
        sums.Add(timestamp, bytes);
    }

    /// <summary>The sites rows from the people rows (counted again from nothing: a fold is once a session).</summary>
    private void FoldSites()
    {
        _sites.Clear();
        foreach (var (key, sums) in People)
        {
            var day = RollupTable.Floor(Instant.FromUnixTimeTicks(key.HourTicks), NodaConstants.TicksPerDay).ToUnixTimeTicks();
            ref var site = ref CollectionsMarshal.GetValueRefOrAddDefault(_sites, new SitesRollupKey(day, key), out var seen);
            if (seen) site.Add(sums);
            else site = sums;
        }
        _sitesFolded = true;
    }

    /// <summary>The room for keys a table's set always keeps (a school's session holds a few hundred).</summary>
    private const int KeptAtLeast = 4_096;

    /// <summary>
    /// Empties a table's rows, keeping their room for the next session (a session behind holds ~100,000 keys: growing the
    /// set again each session would allocate what the kept keys saved) unless this one used less than an eighth of it (a
    /// set grows to up to twice its keys: a session of a quarter of the last one's keys or fewer): the stage caught up,
    /// and the room a backlog needed is given back.
    /// </summary>
    private static void Clear<TKey>(Dictionary<TKey, RollupSums> rows) where TKey : notnull
    {
        var used = Math.Max(rows.Count, KeptAtLeast);
        rows.Clear();
        if (rows.EnsureCapacity(0) > 8 * used) rows.TrimExcess(2 * used);
    }
}

/// <summary>One roll-up row's sums: requests, response bytes, the first and last @timestamp (as ticks: 8 bytes each, an
/// Instant's 16, in the session's sets).</summary>
internal struct RollupSums(Instant first)
{
    public long Requests;
    public long Bytes;
    private long _first = first.ToUnixTimeTicks();
    private long _last = first.ToUnixTimeTicks();

    public readonly Instant First => Instant.FromUnixTimeTicks(_first);

    public readonly Instant Last => Instant.FromUnixTimeTicks(_last);

    /// <summary>Counts one more event of the row.</summary>
    public void Add(Instant timestamp, long? bytes)
    {
        Requests++;
        Bytes += bytes ?? 0;
        var ticks = timestamp.ToUnixTimeTicks();
        if (ticks < _first) _first = ticks;
        if (ticks > _last) _last = ticks;
    }

    /// <summary>Adds another row's sums (of the same key, folded into a coarser one).</summary>
    public void Add(in RollupSums other)
    {
        Requests += other.Requests;
        Bytes += other.Bytes;
        if (other._first < _first) _first = other._first;
        if (other._last > _last) _last = other._last;
    }
}
