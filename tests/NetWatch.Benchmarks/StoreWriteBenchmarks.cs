using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Storage;
using NetWatch.Storage.Events;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// The store's hot path: appending events to the events table (in memory), as EventRowWriter does it (typed calls
/// written out by hand, in EcsFieldCatalog's order, into DuckDB data chunks filled in place: ChunkAppender, and the
/// table function EventRowsInsert that fills DuckDB's own chunks for an INSERT without the appender's copy) against the
/// same hand-written writer through DuckDB.NET's row appender (DuckDbNetRowWriter, the store's writer until session 15)
/// and a writer looped over EcsFieldCatalog.Stored that boxes each value (what deriving the writer from the catalogue
/// naively would cost). Events as an import with reference data stores them: attributed, classified, judged, with
/// their school and ingestion time. The time includes DuckDB's own append of the rows to the table (at the close).
/// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --filter '*StoreWrite*'
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(12)]
[InvocationCount(1)]
public class StoreWriteBenchmarks
{
    private const int N = 65_536;

    private DuckDBConnection _connection = null!;
    private NetEvent[] _events = [];
    private EventRowsInsert _insert = null!;

    [GlobalSetup]
    public void Setup()
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
        // As an import's store runs DuckDB (StoreFile's oneThread): with background threads the appender's close
        // busy-waits for them, which under load swamped what is measured here (session 15: 23-31 us an event).
        Execute("SET threads = 1");
        foreach (var statement in StoreSchema.Statements) Execute(statement);
        EventTableMigration.Apply(_connection);
        _insert = EventRowsInsert.Register(_connection);
        var at = Instant.FromUtc(2026, 11, 23, 8, 30);
        _events = Enumerable.Range(0, N).Select(i => Event(i, at + Duration.FromMilliseconds(i * 37L))).ToArray();
    }

    [IterationCleanup]
    public void Empty() { Execute("DELETE FROM events_narrow"); Execute("DELETE FROM events_wide"); }

    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public void RowAppender()
    {
        using var appender = _connection.CreateAppender("events_wide");
        foreach (var e in _events) DuckDbNetRowWriter.Append(appender, e);
    }

    [Benchmark(OperationsPerInvoke = N)]
    public void ChunkInPlace()
    {
        using var appender = new ChunkAppender(_connection, "events_wide");
        foreach (var e in _events) EventRowWriter.Append(appender, e);
    }

    /// <summary>The store's path since session 29: the same filling, into DuckDB's own chunks, without the appender's copy.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void TableFunctionInsert() => _insert.Insert(_events);

    [Benchmark(OperationsPerInvoke = N)]
    public void CatalogueBoxed()
    {
        using var appender = _connection.CreateAppender("events_wide");
        var fields = EcsFieldCatalog.Stored;
        foreach (var e in _events)
        {
            var row = appender.CreateRow();
            foreach (var f in fields)
            {
                var v = f.Value(e);
                row = f.Type switch
                {
                    EcsType.Id => row.AppendValue(((EventId)v!).ToGuid()),
                    EcsType.Keyword => row.AppendValue((string?)v),
                    EcsType.Long => row.AppendValue((long?)v),
                    EcsType.Integer => row.AppendValue((int?)v),
                    EcsType.Double => row.AppendValue((double?)v),
                    EcsType.Boolean => row.AppendValue((bool?)v),
                    EcsType.Date => row.AppendValue(((Instant?)v)?.ToDateTimeUtc()),
                    EcsType.KeywordList => row.AppendValue((IReadOnlyList<string>?)v),
                    _ => row.AppendValue(v switch
                    {
                        null => null,
                        Finding finding => FindingJson.Serialize(finding),
                        FortinetFields fortinet => VendorJson.Write(fortinet),
                        PfSenseFields pfsense => VendorJson.Write(pfsense),
                        _ => throw new NotSupportedException(f.Name),
                    }),
                };
            }
            row.EndRow();
        }
    }

    internal static NetEvent Event(int i, Instant at) => new()
    {
        Id = EventIdentity.Compute("squid-native", i + 1, "line " + i),
        Origin = new EventOrigin("/var/log/squid/access.log", i + 1),
        Timestamp = at, Start = at - Duration.FromMilliseconds(120), End = at, Duration = Duration.FromMilliseconds(120),
        Action = EventActions.Allowed, Dataset = "squid.access", ObserverProduct = "squid",
        SourceIp = $"10.20.{i % 200}.{i % 250}", SourceUserName = i % 3 == 0 ? null : $"user{i % 900}", UserName = $"user{i % 900}",
        Url = new UrlParts
        {
            Original = $"https://www.example{i % 500}.co.uk/page/{i % 97}?q={i}", Scheme = "https", Domain = $"www.example{i % 500}.co.uk",
            DomainUnicode = $"www.example{i % 500}.co.uk", Port = 443, Path = $"/page/{i % 97}", Query = $"q={i}",
            RegisteredDomain = $"example{i % 500}.co.uk", TopLevelDomain = "co.uk",
        },
        Method = "GET", StatusCode = 200, ResponseBytes = 1000 + i, MimeType = "text/html",
        Squid = new SquidFields { ResultCode = "TCP_MISS", HierarchyCode = "HIER_DIRECT", Peer = "203.0.113.7" },
        Classification = new Classification { Categories = i % 4 == 0 ? ["education"] : [], SearchEngine = i % 10 == 0 ? "Google" : null },
        Attribution = new Attribution { Roles = ["pupil"], GroupName = "Year 9", FullName = "A Pupil", Source = "logon", Confidence = 0.9, DeviceName = "pc-17" },
        Policy = new PolicyDecision { Verdict = "work", Rule = "work-categories", Clause = "4.2", PolicyName = "000-local-authority" },
        Organization = new Organization { Id = "urn-100001", Name = "Example Academy" },
        Ingested = at + Duration.FromSeconds(2),
    };

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
