using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NetWatch.Storage.Events;
using NodaTime;

namespace NetWatch.Storage.Visits;

/// <summary>
/// The visits table: rows replaced by first event id (a write session: a visit keeps its first event while it
/// grows, so that id names it and is unique per visit). Each runs inside its caller's transaction. personal_time (<see cref="PersonalTimeJson"/>) was
/// added after the others (<see cref="Statements"/>), so it is the last value appended and read.
/// </summary>
internal static class VisitTable
{
    public static readonly string[] Statements = ["ALTER TABLE visits ADD COLUMN IF NOT EXISTS personal_time JSON"];

    /// <summary>Stores each visit in place of a stored one with its first event id (the last of several in the list wins).</summary>
    public static void ReplaceByFirstEvent(DuckDBConnection connection, RowsInsert<IVisitView> rows, IReadOnlyList<IVisitView> visits)
    {
        if (visits.Count == 0) return;
        var latest = LastOfEach(visits);
        var phase = PhaseTimes.Start();
        // The ids go through a temp table filled by an appender: as a list parameter, tens of thousands of UUIDs were
        // built into one DuckDB value and bound as a constant, which cost more than the delete's scan (the delete took
        // 1.1 s of CPU for 400,000 enriched lines that way, 0.2-0.4 s this way).
        connection.Execute("CREATE TEMP TABLE IF NOT EXISTS staging_visit_ids (id UUID NOT NULL)");
        using (var ids = new ChunkAppender(connection, "staging_visit_ids", catalog: "temp", schema: "main"))
            foreach (var v in latest)
            {
                ids.Uuid(0, v.FirstEventId.Value);
                ids.EndRow(1);
            }
        using (var delete = connection.CreateCommand())
        {
            // A later version of a visit starts no later than the stored one and the stored one starts before the
            // later one ends: the time bounds let DuckDB skip row groups, and IN (subquery) is a hash semi-join.
            delete.CommandText = """
                DELETE FROM visits WHERE "start" BETWEEN $min AND $max AND first_event_id IN (SELECT id FROM temp.staging_visit_ids)
                """;
            delete.Parameters.Add(new DuckDBParameter("min", latest.Min(v => v.Start).ToDateTimeUtc()));
            delete.Parameters.Add(new DuckDBParameter("max", latest.Max(v => v.End).ToDateTimeUtc()));
            delete.ExecuteNonQuery();
        }
        connection.Execute("DELETE FROM temp.staging_visit_ids");
        PhaseTimes.Add("store: visits delete (in visits write)", phase);
        Append(rows, latest);
    }

    /// <summary>The visits with the last of each first event id: the list itself when no id repeats (the observers' lists:
    /// a GroupBy per write was ~100 bytes a visit, ~2.4M visits in the 50,000 lines/s bench).</summary>
    private static IReadOnlyList<IVisitView> LastOfEach(IReadOnlyList<IVisitView> visits)
    {
        var seen = Interlocked.Exchange(ref _spareSeen, null) ?? [];
        var repeats = false;
        try
        {
            seen.EnsureCapacity(visits.Count);
            foreach (var v in visits) repeats |= !seen.Add(v.FirstEventId);
        }
        finally
        {
            seen.Clear();
            _spareSeen = seen;
        }
        return repeats ? visits.GroupBy(v => v.FirstEventId).Select(g => g.Last()).ToList() : visits;
    }

    /// <summary><see cref="LastOfEach"/>'s set between uses, emptied (null while one is in use: a second writer makes its
    /// own): a set of a write's ids was made for every write (~1.4 MB for the ~50,000 visits of a live write at 50,000
    /// lines/s). One for the process, not one per thread: the store stage's writes hop between pool threads.</summary>
    private static HashSet<EventId>? _spareSeen;

    /// <summary>Registers the connection's function of visit rows (<see cref="Append"/>), with the visits table's column types.</summary>
    public static RowsInsert<IVisitView> RegisterRows(DuckDBConnection connection) =>
        RowsInsert<IVisitView>.Register(connection, "visits", "visit", VisitRowWriter.Append);

    /// <summary>Appends the visits as rows through the connection's function of visit rows (<see cref="RegisterRows"/>):
    /// DuckDB's output chunks filled in place, without the appender's copy.</summary>
    public static void Append(RowsInsert<IVisitView> rows, IReadOnlyList<IVisitView> visits) => rows.Insert("visits", visits);

    /// <summary>Stored visits that start in [from, to) (either open when null), of one person (case-insensitive) when given, by start then person, domain.</summary>
    public static List<Visit> Read(DuckDBConnection connection, Instant? from, Instant? to, string? person = null, string? school = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM visits WHERE \"start\" >= $from AND \"start\" < $to"
            + (person is null ? "" : " AND lower(person) = lower($person)")
            // A visit belongs to the school of its first event.
            + (school is null ? "" : " AND EXISTS (SELECT 1 FROM events e WHERE e.id = visits.first_event_id AND e.organization_id = $school)")
            + " ORDER BY \"start\", person, domain";
        command.Parameters.Add(new DuckDBParameter("from", from?.ToDateTimeUtc() ?? DateTime.MinValue));
        command.Parameters.Add(new DuckDBParameter("to", to?.ToDateTimeUtc() ?? DateTime.MaxValue));
        if (person is not null) command.Parameters.Add(new DuckDBParameter("person", person));
        if (school is not null) command.Parameters.Add(new DuckDBParameter("school", school));
        return ReadRows(command);
    }

    /// <summary>
    /// For each (person, domain) key, the stored visit with the latest end at or after <paramref name="endingFrom"/>: one
    /// query, the keys in a temp table (an appender, as <see cref="ReplaceByFirstEvent"/>'s ids) joined to the visits whose
    /// end is in bounds (the bound lets DuckDB skip row groups by their zone maps), the latest of each key kept here. A
    /// window in the query (QUALIFY row_number() ... = 1) was planned by DuckDB 1.5 as a narrow scan for the latest row ids
    /// and then a second scan of every column of the whole table joined back on rowid: 2.3x the CPU of this one plain join
    /// (3,000 keys in a 821,722-visit store, one DuckDB thread: median 50 against 115 ms), and the live service at 50,000
    /// lines/s looks up ~3,000 keys about once a second (12 s of the store thread's CPU in two minutes). A key has a few
    /// visits in bounds at most (those of the last idle gap and a half), so the rows it reads more are few.
    /// </summary>
    public static List<Visit> Latest(DuckDBConnection connection, IReadOnlyCollection<(string Person, string Domain)> keys, Instant endingFrom)
    {
        if (keys.Count == 0) return [];
        connection.Execute("CREATE TEMP TABLE IF NOT EXISTS staging_visit_keys (person VARCHAR NOT NULL, domain VARCHAR NOT NULL)");
        using (var appender = new ChunkAppender(connection, "staging_visit_keys", catalog: "temp", schema: "main"))
            foreach (var (person, domain) in keys)
            {
                appender.Varchar(0, person);
                appender.Varchar(1, domain);
                appender.EndRow(2);
            }
        List<Visit> visits;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT v.* FROM visits v JOIN temp.staging_visit_keys k ON v.person = k.person AND v.domain = k.domain
                WHERE v."end" >= $from
                """;
            command.Parameters.Add(new DuckDBParameter("from", endingFrom.ToDateTimeUtc()));
            visits = LatestOfEachKey(ReadRows(command));
        }
        connection.Execute("DELETE FROM temp.staging_visit_keys");
        return visits;
    }

    /// <summary>Of each (person, domain), the visit with the latest end (the first read of those that end together): the
    /// list itself when no key repeats (the live service's look-ups, where each key has one visit in bounds).</summary>
    private static List<Visit> LatestOfEachKey(List<Visit> visits)
    {
        var latest = new Dictionary<(string Person, string Domain), int>(visits.Count);
        var repeats = false;
        for (var i = 0; i < visits.Count; i++)
        {
            ref var at = ref CollectionsMarshal.GetValueRefOrAddDefault(latest, (visits[i].Person, visits[i].Domain), out var exists);
            if (!exists) at = i;
            else
            {
                repeats = true;
                if (visits[i].End > visits[at].End) at = i;
            }
        }
        if (!repeats) return visits;
        var kept = new List<Visit>(latest.Count);
        foreach (var i in latest.Values) kept.Add(visits[i]);
        return kept;
    }

    /// <summary>Visits from a query over the table's columns, in its column order.</summary>
    private static List<Visit> ReadRows(DuckDBCommand command)
    {
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
                PersonalTime = PersonalTimeJson.Read(r.IsDBNull(11) ? null : r.GetString(11)),
            });
        return visits;
    }
}
