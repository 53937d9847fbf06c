namespace NetWatch.Pipeline.Flows;

/// <summary>
/// Where a write session kept open (a live stage behind) commits within a run of blocks: at the first block, with its
/// own checkpoint, at which the session holds its row group. A commit of a row group and a bit writes the row group into
/// the file compressed, but the bit goes through the WAL and stays a part-filled row group until a checkpoint merges it.
/// Cut at a block, the bit is less than a block (~3,400 Squid lines at the file source's 512 KiB) instead of up to a
/// whole joined write (at 50,000 lines/s ~24,000 events a write: ~15% of the events, all through the WAL).
/// </summary>
public static class SessionCut
{
    /// <summary>
    /// How many of <paramref name="blocks"/> (from the front) the session takes before it commits: up to the first one at
    /// which their events reach <paramref name="room"/> (what the session lacks of its row group, every event counted as
    /// new) and whose checkpoint may end a session (<paramref name="canEnd"/>); all of them if none does.
    /// </summary>
    public static int BlocksToFill<T>(IReadOnlyList<T> blocks, long room, Func<T, int> events, Func<T, bool> canEnd)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            room -= events(blocks[i]);
            if (room <= 0 && canEnd(blocks[i])) return i + 1;
        }
        return blocks.Count;
    }
}
