namespace NetWatch.Core.Identity;

/// <summary>
/// The stretch each address was last found in. In a log read in order, an address's next event nearly always falls
/// in the same stretch, and this compact table (one cache line per address) answers it without the search in the
/// timeline's large arrays, whose lines are by then usually out of the cache. One per reader: not thread-safe.
/// </summary>
public sealed class AddressCursors
{
    /// <summary>[Start, End) of the stretch and its moment. The default (0, 0) never matches an instant.</summary>
    internal readonly record struct Cursor(long Start, long End, AddressMoment Moment);

    internal Cursor[] Items { get; }

    internal AddressCursors(int addresses) => Items = new Cursor[addresses];

    /// <summary>Forgets every position (as a fresh table).</summary>
    public void Reset() => Array.Clear(Items);
}
