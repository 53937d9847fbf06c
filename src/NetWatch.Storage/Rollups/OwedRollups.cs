using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// A reader's view of the roll-ups still owed (<see cref="RollupPending"/>: a (school, UTC hour) pair there means its
/// roll-up rows are incomplete, committed with the events they lack): whether any meets a question, so that the question
/// is answered from the events instead. Made for one reader call on a connection inside a transaction that also holds
/// the roll-up reads, so the pairs read and the roll-up rows read are of one snapshot.
/// When nothing is owed (the normal case) a call costs one look at the empty table and the transaction: ~0.5 ms CPU on
/// this 2-core host, about what any two or three statements cost through DuckDB.NET (bench/results/fallback-2026-12-07-session40.txt).
/// </summary>
internal sealed class OwedRollups(DuckDBConnection connection)
{
    private bool? _any;

    /// <summary>
    /// True when some owed pair meets the question as <paramref name="table"/> would answer it: the pair's school is the
    /// question's (any school, or none, when it names none), and its period in the table (its UTC day in a table of days)
    /// lies in the question's [From, To) (all time when open). The question's other filters are not looked at: a pair
    /// whose events they would all leave out still sends the question to the events, which answer it exactly anyway.
    /// </summary>
    public bool Meet(RollupTable table, EventQuery query)
    {
        if (!AnyAtAll()) return false;
        // RollupChoice only picks a table whose periods start at From and To, so a period meets the range exactly when it starts in it.
        var period = $"date_trunc('{table.Unit}', {RollupTable.Hour})";
        var where = new List<string> { "true" };
        var parameters = new List<DuckDBParameter>();
        void Add(string condition, string name, object value)
        {
            where.Add(condition);
            parameters.Add(new DuckDBParameter(name, value));
        }
        if (query.School is { } school) Add("organization_id = $school", "school", school);
        if (query.From is { } from) Add($"{period} >= $from", "from", from.ToDateTimeUtc());
        if (query.To is { } to) Add($"{period} < $to", "to", to.ToDateTimeUtc());
        return Any(string.Join(" AND ", where), parameters);
    }

    /// <summary>True when some owed pair is of a school other than <paramref name="school"/>, or of none: events the
    /// roll-ups may not count yet.</summary>
    public bool OfAnotherSchool(string school) =>
        AnyAtAll() && Any("organization_id IS DISTINCT FROM $school", [new DuckDBParameter("school", school)]);

    /// <summary>True when any pair is owed: asked once per call (the normal answer, no, ends every question's check).</summary>
    private bool AnyAtAll() => _any ??= Any("true", []);

    /// <summary>True when some owed pair meets <paramref name="where"/>. A SELECT of at most one row rather than
    /// <c>SELECT EXISTS</c>: ~0.35 against ~0.5 ms CPU a statement on the empty table.</summary>
    private bool Any(string where, IEnumerable<DuckDBParameter> parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT 1 FROM {RollupPending.Table} WHERE {where} LIMIT 1";
        foreach (var p in parameters) command.Parameters.Add(p);
        return command.ExecuteScalar() is not null;
    }

    /// <summary><paramref name="table"/> unless an owed pair meets the question (then null: the events answer).</summary>
    public RollupTable? Unless(RollupTable? table, EventQuery query) => table is not null && !Meet(table, query) ? table : null;
}
