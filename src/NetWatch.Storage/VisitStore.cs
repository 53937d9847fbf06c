using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Storage;

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
        using (var delete = connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM visits WHERE \"start\" >= $from AND \"start\" < $to";
            delete.Parameters.Add(new DuckDBParameter("from", from.ToDateTimeUtc()));
            delete.Parameters.Add(new DuckDBParameter("to", to.ToDateTimeUtc()));
            delete.ExecuteNonQuery();
        }
        using (var appender = connection.CreateAppender("visits"))
        {
            foreach (var v in visits)
                appender.CreateRow()
                    .AppendValue(v.Person).AppendValue(v.Role).AppendValue(v.Domain)
                    .AppendValue(v.Start.ToDateTimeUtc()).AppendValue(v.End.ToDateTimeUtc())
                    .AppendValue(v.Duration.TotalSeconds).AppendValue(v.EventCount).AppendValue(v.Categories)
                    .AppendValue(v.Verdict).AppendValue(v.PolicyName).AppendValue(v.FirstEventId.ToGuid())
                    .EndRow();
        }
        transaction.Commit();
    }

    /// <summary>Stored visits that start in [from, to) (all when null), by start then person.</summary>
    public IReadOnlyList<Visit> Read(Instant? from = null, Instant? to = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM visits WHERE \"start\" >= $from AND \"start\" < $to ORDER BY \"start\", person, domain";
        command.Parameters.Add(new DuckDBParameter("from", from?.ToDateTimeUtc() ?? DateTime.MinValue));
        command.Parameters.Add(new DuckDBParameter("to", to?.ToDateTimeUtc() ?? DateTime.MaxValue));
        using var r = command.ExecuteReader();
        var visits = new List<Visit>();
        while (r.Read())
            visits.Add(new Visit
            {
                Person = r.GetString(0), Role = r.IsDBNull(1) ? null : r.GetString(1), Domain = r.GetString(2),
                Start = r.GetInstant(3),
                End = r.GetInstant(4),
                EventCount = r.GetInt32(6), Categories = r.GetFieldValue<List<string>>(7),
                Verdict = r.IsDBNull(8) ? null : r.GetString(8), PolicyName = r.IsDBNull(9) ? null : r.GetString(9),
                FirstEventId = EventId.FromGuid(r.GetGuid(10)),
            });
        return visits;
    }

    /// <summary>The earliest and latest @timestamp of the events read from these sources, or null when there are none.</summary>
    public (Instant From, Instant To)? SpanOfSources(IReadOnlyList<string> sources)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(\"@timestamp\"), max(\"@timestamp\") FROM events WHERE list_contains($sources, origin_source)";
        command.Parameters.Add(new DuckDBParameter("sources", sources.ToList()));
        using var r = command.ExecuteReader();
        if (!r.Read() || r.IsDBNull(0)) return null;
        return (r.GetInstant(0),
                r.GetInstant(1));
    }
}
