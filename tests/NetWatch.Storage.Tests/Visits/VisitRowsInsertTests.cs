using System.Collections;
using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NetWatch.Storage.Events;
using NetWatch.Storage.Visits;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests.Visits;

/// <summary>
/// Visits inserted through the connection's table function (<see cref="VisitTable.RegisterRows"/>) are stored as DuckDB's
/// appender stores the same rows (<see cref="ChunkAppender"/>, as visits were written before): every column, nulls, long
/// and non-ASCII strings, long personal-time JSON, across chunks, and an aggregator's visits as they stand
/// (<see cref="IVisitView"/>) as their records; a failure while filling is an error naming the table
/// and its cause, and the caller's transaction keeps nothing of it.
/// </summary>
public sealed class VisitRowsInsertTests : IDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");

    public VisitRowsInsertTests()
    {
        _connection.Open();
        foreach (var statement in StoreSchema.Statements) _connection.Execute(statement);
        foreach (var statement in VisitTable.Statements) _connection.Execute(statement);
    }

    [Fact]
    public void The_inserted_rows_are_the_appenders_rows_for_the_same_visits()
    {
        var visits = Enumerable.Range(0, 2 * ChunkFiller.Capacity + 37).Select(Visit).ToList();
        _connection.Execute("CREATE TABLE appended AS SELECT * FROM visits LIMIT 0");
        using (var appender = new ChunkAppender(_connection, "appended"))
            foreach (var v in visits) VisitRowWriter.Append(appender, v);

        VisitTable.Append(VisitTable.RegisterRows(_connection), visits);

        Assert.Equal(visits.Count, Scalar("SELECT count(*) FROM visits"));
        // Row for row (the insert keeps the order given, as the appender does), every column compared as DuckDB holds it.
        Assert.Equal(0, Scalar("""
            SELECT count(*) FROM (SELECT rowid AS r, * FROM visits) v FULL JOIN (SELECT rowid AS r, * FROM appended) a ON v.r = a.r
            WHERE v IS DISTINCT FROM a
            """));
        Assert.Equal(0, Scalar("SELECT count(*) FROM (SELECT * FROM visits EXCEPT ALL SELECT * FROM appended)"));
        Assert.Equal(visits.Count(v => v.Role is null), Scalar("SELECT count(*) FROM visits WHERE role IS NULL"));
        Assert.Equal(visits.Count(v => v.PersonalTime.Count == 0), Scalar("SELECT count(*) FROM visits WHERE personal_time IS NULL"));
        var longest = visits.MaxBy(v => v.PersonalTime.Count)!;
        Assert.Equal(longest.PersonalTime, VisitTable.Read(_connection, longest.Start - Duration.FromSeconds(1), longest.Start + Duration.FromSeconds(1), longest.Person)
            .Single(v => v.FirstEventId == longest.FirstEventId).PersonalTime);
    }

    [Fact]
    public void An_aggregators_visits_as_they_stand_are_stored_as_their_records_are()
    {
        // Open and closed visits of several requests each, personal ones among them (spans walked from the requests).
        var aggregator = new VisitAggregator(Duration.FromMinutes(5));
        var firstVersions = new List<IVisitView>();
        string?[] verdicts = [null, Core.Policy.Verdicts.PersonalBreak, Core.Policy.Verdicts.PersonalWorkingHours, "work"];
        for (var line = 1; line <= 3 * ChunkFiller.Capacity; line++)
        {
            if (line % 13 < 4 && line > 3 * ChunkFiller.Capacity / 2) continue; // these people's visits close half-way
            var e = TestEvents.Minimal(line, Instant.FromUtc(2026, 12, 5, 9, 0) + Duration.FromSeconds(line * 2L / 3), user: "pupil-" + line % 13 + "-ü");
            e = e with { Url = e.Url with { RegisteredDomain = "site" + line % 5 + ".example" } };
            if (line % 13 % 3 != 0 && verdicts[line * 7 % 4] is { } verdict) e = e with { Policy = new PolicyDecision { Verdict = verdict, PolicyName = "p" } };
            aggregator.Add(e, firstVersions);
        }
        aggregator.CloseIdle(aggregator.Watermark!.Value + Duration.FromMinutes(4), firstVersions); // some closed, some open
        var views = aggregator.TakeTouched(firstVersions).Concat(firstVersions).ToList();
        Assert.Contains(views, v => v.ToVisit().PersonalTime.Count > 1);
        Assert.Contains(views, v => v.ToVisit().PersonalTime.Count == 0);
        Assert.Contains(views, v => aggregator.IsOpen(v.Person, v.Domain));
        Assert.Contains(views, v => !aggregator.IsOpen(v.Person, v.Domain));
        _connection.Execute("CREATE TABLE appended AS SELECT * FROM visits LIMIT 0");
        using (var appender = new ChunkAppender(_connection, "appended"))
            foreach (var v in views) VisitRowWriter.Append(appender, v.ToVisit());

        VisitTable.Append(VisitTable.RegisterRows(_connection), views);

        Assert.Equal(views.Count, Scalar("SELECT count(*) FROM visits"));
        Assert.Equal(0, Scalar("""
            SELECT count(*) FROM (SELECT rowid AS r, * FROM visits) v FULL JOIN (SELECT rowid AS r, * FROM appended) a ON v.r = a.r
            WHERE v IS DISTINCT FROM a
            """));
    }

    [Fact]
    public void A_failure_while_filling_is_a_clear_error_and_the_transaction_keeps_nothing_of_it()
    {
        var rows = VisitTable.RegisterRows(_connection);
        VisitTable.Append(rows, [Visit(1)]);

        using (var transaction = _connection.BeginTransaction())
        {
            var error = Assert.Throws<InvalidOperationException>(() => VisitTable.Append(rows, new FailingAt(ChunkFiller.Capacity + 3, 2 * ChunkFiller.Capacity)));
            Assert.Contains("writing a visit into visits", error.Message);
            Assert.Contains($"visit {ChunkFiller.Capacity + 3} cannot be read", error.Message);
            Assert.IsType<IOException>(error.InnerException);
            transaction.Rollback();
        }

        Assert.Equal(1, Scalar("SELECT count(*) FROM visits"));
        VisitTable.Append(rows, [Visit(2)]); // the function and the connection still work
        Assert.Equal(2, Scalar("SELECT count(*) FROM visits"));
    }

    /// <summary>A visit of every kind by turns: no role, verdict or personal time; non-ASCII and long strings; up to a few
    /// hundred personal spans (JSON of ~20 KB); no category or many.</summary>
    private static Visit Visit(int i)
    {
        var start = Instant.FromUtc(2026, 12, 5, 9, 0) + Duration.FromSeconds(i * 13L) + Duration.FromTicks(i % 7);
        var spans = i % 3 == 0 ? 0 : i % 50 == 1 ? 300 : i % 5;
        return new Visit
        {
            Person = i % 4 == 0 ? "élève-" + i + "-中文-😀" : "user" + i,
            Role = i % 2 == 0 ? null : i % 9 == 1 ? new string('r', 40) : "staff",
            Domain = i % 6 == 0 ? "bücher.example" : "site" + (i % 17) + ".example.co.uk",
            Start = start,
            End = start + Duration.FromMilliseconds(1 + i * 997L),
            EventCount = 1 + i % 11,
            Categories = i % 4 == 0 ? [] : Enumerable.Range(0, i % 7).Select(c => "category-" + c).ToList(),
            Verdict = i % 5 == 0 ? null : "personal-working-hours",
            PolicyName = i % 5 == 0 ? null : "politique-ü",
            FirstEventId = new EventId((UInt128)(i + 1) << 70 | (UInt128)i),
            PersonalTime = Enumerable.Range(0, spans)
                .Select(s => new PersonalSpan(start + Duration.FromSeconds(s), start + Duration.FromSeconds(s) + Duration.FromTicks(123_457), s % 2 == 0))
                .ToList(),
        };
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Visits made on demand, one of which cannot be read (as a list that fails part-way).</summary>
    private sealed class FailingAt(int failing, int count) : IReadOnlyList<Visit>
    {
        public Visit this[int index] => index == failing ? throw new IOException($"visit {index} cannot be read") : Visit(index);
        public int Count => count;
        public IEnumerator<Visit> GetEnumerator() => Enumerable.Range(0, count).Select(i => this[i]).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public void Dispose() => _connection.Dispose();
}
