using System.Diagnostics;
using DuckDB.NET.Data;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Benchmarks.Rollups;

/// <summary>
/// `rollup-reads STORE [ROUNDS] [none|owed]`: process CPU per reader call on a stored store (an import of the 1M log) of
/// questions the roll-ups answer: the busiest person's count over the store's last 30 UTC days, a school's dashboard
/// (by role, category and verdict, by day over the last 7 days) and the count of all events. Public reader API (and the
/// store's internal Execute, in both), so the same binary runs against another build's NetWatch.Storage.dll copied beside it:
/// an A/B of the readers.
/// "owed": one (school, hour) of the dashboard's last day is put in rollup_pending first (what the live service leaves
/// while behind; taken out again at the end), so the questions it meets are answered from the events.
/// </summary>
public static class RollupReadsProbe
{
    public static void Run(string store, int rounds, string mode)
    {
        using var s = DuckDbStore.Open(store);
        var all = new AggregateQuery { Name = "all", Filter = new EventQuery { Findings = false } };
        var span = Single(s, all);
        var lastDay = Instant.FromUnixTimeTicks(span.Last!.Value.ToUnixTimeTicks() / NodaConstants.TicksPerDay * NodaConstants.TicksPerDay);
        var busiest = Single(s, all with { By = AggregateDimension.Person, Top = 2 }, r => r.Key != AggregateRow.NoValue);
        // A store imported without a directory has no schools: then the dashboard is everyone's.
        var school = Single(s, all with { By = AggregateDimension.School, Top = 2 }, r => r.Key != AggregateRow.NoValue, orNone: true)?.Key;
        var person = new EventQuery { Person = busiest.Key, From = lastDay + Duration.FromDays(1) - Duration.FromDays(30), To = lastDay + Duration.FromDays(1) };
        var week = new EventQuery { School = school, From = lastDay - Duration.FromDays(6), To = lastDay + Duration.FromDays(1) };
        AggregateQuery[] dashboard = [.. new[] { AggregateDimension.Role, AggregateDimension.Category, AggregateDimension.Verdict }
            .Select(by => new AggregateQuery { Name = by.ToString(), Filter = week, By = by, Bucket = TimeBucket.Day, Zone = DateTimeZone.Utc })];
        Console.WriteLine($"store {store}: {span.Requests:N0} events to {span.Last}; person {busiest.Key} ({busiest.Requests:N0}), school {school ?? "(none)"}");

        using var owe = new DuckDBConnection($"Data Source={Path.Combine(store, DuckDbStore.FileName)}");
        owe.Open();
        if (mode == "owed")
            owe.Execute($"INSERT INTO rollup_pending (organization_id, hour) VALUES ({(school is null ? "NULL" : $"'{school}'")}, TIMESTAMP '{(lastDay + Duration.FromHours(10)).ToDateTimeUtc():yyyy-MM-dd HH:mm:ss}')");
        try
        {
            // The dashboard costs ~100x a count: it is called a twentieth as often.
            (string Name, int Calls, Action Call)[] cases =
            [
                ("person count 30 days", rounds, () => s.Search.CountAsync(person, CancellationToken.None).GetAwaiter().GetResult()),
                ("school dashboard 3 x 7 days", Math.Max(1, rounds / 20), () => s.Aggregates.AggregateAsync(dashboard, CancellationToken.None).GetAwaiter().GetResult()),
                ("count of all events", rounds, () => s.Search.CountAsync(all.Filter, CancellationToken.None).GetAwaiter().GetResult()),
                // What the readers add per call when nothing is owed (as OwedRollups and the readers' transaction run it).
                ("owed check alone", rounds, () =>
                {
                    using var transaction = owe.BeginTransaction();
                    using var command = owe.CreateCommand();
                    command.CommandText = "SELECT 1 FROM rollup_pending WHERE true LIMIT 1";
                    command.ExecuteScalar();
                    transaction.Commit();
                }),
            ];
            foreach (var (_, _, call) in cases) call(); // warm-up
            Console.WriteLine($"{"question",-30} {"ms CPU/call",12} {"ms wall/call",13} {"calls",6}  (mode {mode}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
            foreach (var (name, calls, call) in cases)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++) call();
                var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                Console.WriteLine($"{name,-30} {used.TotalMilliseconds / calls,12:F3} {wall.Elapsed.TotalMilliseconds / calls,13:F3} {calls,6}");
            }
        }
        finally
        {
            if (mode == "owed") owe.Execute("DELETE FROM rollup_pending");
        }
    }

    private static AggregateRow Single(DuckDbStore store, AggregateQuery query, Func<AggregateRow, bool>? where = null) =>
        Single(store, query, where, orNone: false)!;

    private static AggregateRow? Single(DuckDbStore store, AggregateQuery query, Func<AggregateRow, bool>? where, bool orNone)
    {
        var rows = store.Aggregates.AggregateAsync([query], CancellationToken.None).GetAwaiter().GetResult()[0].Rows.Where(where ?? (_ => true));
        return orNone ? rows.FirstOrDefault() : rows.First();
    }
}
