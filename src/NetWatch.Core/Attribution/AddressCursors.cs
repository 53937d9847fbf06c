namespace NetWatch.Core.Identity;

/// <summary>
/// The stretch each address was last found in, for one reader of one <see cref="AddressTimeline"/>. In a log read in
/// order, an address's next event nearly always falls in that stretch or the next, so the search is spared. Four
/// bytes per address: the table stays in the cache. Not thread-safe.
/// </summary>
public sealed class AddressCursors
{
    internal AddressTimeline Timeline { get; }

    /// <summary>By address number: the stretch's index in the timeline, -1 when none yet.</summary>
    internal int[] Items { get; }

    internal AddressCursors(AddressTimeline timeline, int addresses)
    {
        Timeline = timeline;
        Items = new int[addresses];
        Reset();
    }

    /// <summary>Forgets every position (as a fresh table).</summary>
    public void Reset() => Array.Fill(Items, -1);
}
