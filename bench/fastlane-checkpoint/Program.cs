// Does a running DuckDB checkpoint hold up a small commit elsewhere? (issue 15, the alerts' fast lane). A 42-column table
// gets 240,000 uncheckpointed rows, then CHECKPOINT runs on its connection while a second connection makes small
// operations of one kind, back to back, until the checkpoint ends: their latency says whether the checkpoint blocks them.
// Kinds: a row into the big table; a row into a small table without indexes in the same file; an upsert into a table with
// a PRIMARY KEY (as alerts, alert_notifications); a read of the big table by time range; a row into a table in a second
// database file. Run: bench/fastlane-checkpoint.sh
using System.Diagnostics;
using DuckDB.NET.Data;
var dir = Path.Combine(Path.GetTempPath(), $"fastlane-checkpoint-{Environment.ProcessId}");
Directory.CreateDirectory(dir);
var path = Path.Combine(dir, "main.duckdb");
var sidePath = Path.Combine(dir, "side.duckdb");
void Exec(DuckDBConnection c, string sql) { using var cmd = c.CreateCommand(); cmd.CommandText = sql; cmd.ExecuteNonQuery(); }
using var a = new DuckDBConnection($"Data Source={path}"); a.Open();
using var b = new DuckDBConnection($"Data Source={path}"); b.Open();
using var side = new DuckDBConnection($"Data Source={sidePath}"); side.Open();
Exec(a, "SET checkpoint_threshold = '100GB'");
const int Cols = 40;
Exec(a, "CREATE TABLE t (id BIGINT, ts TIMESTAMP, " + string.Join(",", Enumerable.Range(0, Cols).Select(i => $"s{i} VARCHAR")) + ")");
Exec(a, "CREATE TABLE small (id BIGINT, ts TIMESTAMP, body VARCHAR)");
Exec(a, "CREATE TABLE keyed (id VARCHAR PRIMARY KEY, n BIGINT, body VARCHAR)");
Exec(side, "CREATE TABLE small (id BIGINT, ts TIMESTAMP, body VARCHAR)");
var rnd = new Random(1);
long n = 0;
void Fill(int rows)
{
    for (var done = 0; done < rows; done += 5000)
    {
        using var tx = a.BeginTransaction();
        using (var ap = a.CreateAppender("t"))
            for (var r = 0; r < 5000; r++)
            {
                var row = ap.CreateRow().AppendValue(n).AppendValue(DateTime.UnixEpoch.AddSeconds(n++));
                for (var i = 0; i < Cols; i++) row.AppendValue(i % 3 == 0 ? null : $"value-{rnd.Next(i * 100 + 10)}-{i}/path/{rnd.Next(100000)}");
                row.EndRow();
            }
        tx.Commit();
    }
}
long k = 0;
var kinds = new (string Name, Action Op)[]
{
    ("row into the big table (t)", () => { using var tx = b.BeginTransaction(); Exec(b, $"INSERT INTO t (id, ts, s1) VALUES ({--k}, now(), 'x')"); tx.Commit(); }),
    ("row into a small table, no index", () => { using var tx = b.BeginTransaction(); Exec(b, $"INSERT INTO small VALUES ({++k}, now(), 'x')"); tx.Commit(); }),
    ("upsert into a PRIMARY KEY table", () => { using var tx = b.BeginTransaction(); Exec(b, $"INSERT INTO keyed VALUES ('a{++k % 50}', {k}, 'x') ON CONFLICT (id) DO UPDATE SET n = excluded.n"); tx.Commit(); }),
    ("read of the big table by time range", () => { using var cmd = b.CreateCommand(); cmd.CommandText = $"SELECT count(*) FROM t WHERE ts BETWEEN TIMESTAMP '1970-01-01 00:00:00' + INTERVAL {n - 5000} SECOND AND TIMESTAMP '1970-01-01 00:00:00' + INTERVAL {n} SECOND AND id = {n - 10}"; cmd.ExecuteScalar(); }),
    ("row into a second database file", () => { using var tx = side.BeginTransaction(); Exec(side, $"INSERT INTO small VALUES ({++k}, now(), 'x')"); tx.Commit(); }),
};
foreach (var (name, op) in kinds)
{
    op(); // warm
    Fill(240_000);
    var ops = new List<double>();
    var checkpoint = Task.Run(() => { var s = Stopwatch.StartNew(); Exec(a, "CHECKPOINT"); return s.Elapsed.TotalMilliseconds; });
    Thread.Sleep(20); // let the checkpoint start
    while (!checkpoint.IsCompleted)
    {
        var s = Stopwatch.StartNew();
        op();
        ops.Add(s.Elapsed.TotalMilliseconds);
        Thread.Sleep(5);
    }
    ops.Sort();
    double P(double q) => ops.Count == 0 ? double.NaN : ops[Math.Min(ops.Count - 1, (int)(q * ops.Count))];
    Console.WriteLine($"{name,-40} checkpoint {checkpoint.Result,8:F0} ms; {ops.Count,4} ops during it: p50 {P(0.5),7:F1}  p99 {P(0.99),7:F1}  max {(ops.Count > 0 ? ops[^1] : double.NaN),7:F1} ms  (load {File.ReadAllText("/proc/loadavg")[..14]})");
}
a.Close(); b.Close(); side.Close();
Directory.Delete(dir, true);
