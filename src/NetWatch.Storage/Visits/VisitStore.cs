using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Storage.Visits;

/// <summary>
/// Stored visits (time on site). Visits are derived from events, so a span's visits are replaced as a
/// whole whenever its events are recomputed: nothing is appended twice.
/// </summary>
public sealed class VisitStore(DuckDBConnection connection)
{
    /// <summary>Replaces every stored visit that starts in [from, to) with <paramref name="visits"/>, in one transaction.</summary>
    public void Replace(Instant from, Instant to, IReadOnlyList<Visit> visits)
    {
        using var transaction = connection.BeginTransaction();
        VisitTable.DeleteStartingIn(connection, from, to);
        VisitTable.Append(connection, visits);
        transaction.Commit();
    }

    /// <summary>Stored visits that start in [from, to) (all when null), by start then person.</summary>
    public IReadOnlyList<Visit> Read(Instant? from = null, Instant? to = null) => VisitTable.Read(connection, from, to);
}
