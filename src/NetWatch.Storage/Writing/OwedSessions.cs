using DuckDB.NET.Data;
using NetWatch.Storage.Rollups;

namespace NetWatch.Storage.Writing;

/// <summary>
/// A live writer's sessions that leave their roll-ups owed while the store stage is behind (<see cref="RollupCatchUp"/>):
/// the numbers they take, and whether any may be owed still, so that a session keeping up looks for one to count only then.
/// </summary>
internal sealed class OwedSessions(DuckDBConnection connection)
{
    private long? _next;
    /// <summary>Until a look finds none: a store may open with sessions owed (its open leaves them to these steps).</summary>
    private bool _maybe = true;

    /// <summary>The number of a new session that owes its roll-ups: never one given before, in this process or an earlier one.</summary>
    public long Take()
    {
        var session = _next ??= RollupCatchUp.Next(connection);
        _next = session + 1;
        return session;
    }

    /// <summary>An owed session committed.</summary>
    public void Committed() => _maybe = true;

    /// <summary>
    /// Counts one owed session, if any may be, in the caller's transaction (a session keeping up); returns the spellings
    /// and hosts it stored, or null.
    /// </summary>
    public (IReadOnlyList<string> Spellings, IReadOnlyList<string> Hosts)? Step()
    {
        if (!_maybe) return null;
        // Only a step that finds none clears it: a step rolled back with its session leaves it set, so the next looks again.
        var added = RollupCatchUp.Step(connection);
        if (added is null) _maybe = false;
        return added;
    }
}
