// What a DuckDB checkpoint costs as a function of how often it runs (issue 18): a 42-column table, 300,000 rows appended in
// commits of 5,000, CHECKPOINT every N rows (args[0]); prints each checkpoint's wall time, their sum, CPU and file size.
// Run: bench/checkpoint-cost.sh (N = 25000 and 300000).
using System.Diagnostics;
using DuckDB.NET.Data;
var path = Path.Combine(Path.GetTempPath(), "checkpoint-cost.duckdb");
foreach (var f in new[]{path, path + ".wal"}) File.Delete(f);
void Exec(DuckDBConnection c, string sql) { using var cmd = c.CreateCommand(); cmd.CommandText = sql; cmd.ExecuteNonQuery(); }
using var a = new DuckDBConnection($"Data Source={path}"); a.Open();
Exec(a, "SET checkpoint_threshold = '100GB'");
const int Cols = 40;
Exec(a, "CREATE TABLE t (id BIGINT, ts TIMESTAMP, " + string.Join(",", Enumerable.Range(0, Cols).Select(i => $"s{i} VARCHAR")) + ")");
var rnd = new Random(1);
long n = 0;
var every = int.Parse(args[0]);
var proc = Process.GetCurrentProcess();
void Append(int rows) {
  using var tx = a.BeginTransaction();
  using (var ap = a.CreateAppender("t")) for (int r = 0; r < rows; r++) { var row = ap.CreateRow().AppendValue(n).AppendValue(DateTime.UnixEpoch.AddSeconds(n++)); for (int i = 0; i < Cols; i++) row.AppendValue(i % 3 == 0 ? null : $"value-{rnd.Next(i * 100 + 10)}-{i}/path/{rnd.Next(100000)}"); row.EndRow(); }
  tx.Commit();
}
long since = 0; double maxCk = 0, sumCk = 0; var cpu0 = proc.TotalProcessorTime;
var sw = Stopwatch.StartNew();
for (int k = 0; k < 60; k++) {
  Append(5000); since += 5000;
  if (since >= every) { var s = Stopwatch.StartNew(); Exec(a, "CHECKPOINT"); var t = s.Elapsed.TotalSeconds; maxCk = Math.Max(maxCk, t); sumCk += t; Console.Write($"{n}:{t:F2} "); since = 0; }
}
var s2 = Stopwatch.StartNew(); a.Close(); var last = s2.Elapsed.TotalSeconds;
proc.Refresh();
Console.WriteLine($"\nevery {every}: total {sw.Elapsed.TotalSeconds:F1}s, checkpoints sum {sumCk:F1}s max {maxCk:F2}s, close {last:F2}s, cpu {(proc.TotalProcessorTime - cpu0).TotalSeconds:F1}s, file {new FileInfo(path).Length >> 20} MB, load {File.ReadAllText("/proc/loadavg")[..14]}");
