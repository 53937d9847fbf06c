namespace NetWatch.Core.Identity;

/// <summary>
/// What one reader of one <see cref="AddressTimeline"/> remembers of each address: the stretch it was last found in
/// (in a log read in order, an address's next event nearly always falls in that stretch or the next, so the search is
/// spared) and the last login where nobody was expected, with its outcome (<see cref="LoginOutcome"/>). Not thread-safe.
/// </summary>
public sealed class AddressCursors
{
    internal AddressTimeline Timeline { get; }

    /// <summary>By address number: the stretch's index in the timeline, -1 when none yet. Four bytes per address: the
    /// table stays in the cache.</summary>
    internal int[] Items { get; }

    /// <summary>By address number: the last valid proxy login where nobody was expected, and what it came to; the last
    /// slot is shared by the addresses the timeline does not know.</summary>
    internal LoginOutcome[] Logins { get; }

    internal AddressCursors(AddressTimeline timeline, int addresses)
    {
        Timeline = timeline;
        Items = new int[addresses];
        Logins = new LoginOutcome[addresses + 1];
        Reset();
    }

    /// <summary>Forgets every position and login (as a fresh table).</summary>
    public void Reset()
    {
        Array.Fill(Items, -1);
        Array.Clear(Logins);
    }
}
