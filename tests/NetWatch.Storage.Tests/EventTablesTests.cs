using DuckDB.NET.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage.Contracts.Retention;
using NetWatch.Storage.Events;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests;

/// <summary>
/// The events kept in two tables behind the events view (<see cref="EventTables"/>): an event goes to the narrow table
/// only when the row writer would write NULL in every column it lacks (over the events of every parser's samples and
/// generated ones); Squid's go narrow, e2guardian's, FortiGate's and DNS's wide; a store of version 2 (one events table)
/// opens as the wide table, reads the same, and findings replaced and retention delete from it.
/// </summary>
public sealed class EventTablesTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly DuckDBConnection _probe = new("Data Source=:memory:");

    public EventTablesTests()
    {
        _probe.Open();
        _probe.Execute($"CREATE TABLE probe ({StoreSchema.EventColumns})");
    }

    /// <summary>Every sample log of every parser (samples/logs, samples/formats).</summary>
    public static TheoryData<string, string> Samples => new()
    {
        { "logs/squid-native.log", LogFormats.SquidNative },
        { "logs/squid-combined.log", LogFormats.SquidCombined },
        { "logs/squid-custom.log", LogFormats.SquidCustom },
        { "logs/e2guardian-fmt1-dansguardian.log", LogFormats.E2Guardian1 },
        { "logs/e2guardian-fmt2-csv.log", LogFormats.E2Guardian2 },
        { "logs/e2guardian-fmt3-squid.log", LogFormats.E2Guardian3 },
        { "logs/e2guardian-fmt4-tab.log", LogFormats.E2Guardian4 },
        { "logs/e2guardian-fmt6-protex.log", LogFormats.E2Guardian6 },
        { "formats/fortigate.log", LogFormats.Fortigate },
        { "formats/pfsense-filterlog.log", LogFormats.PfSenseFilterlog },
        { "formats/dnsmasq.log", LogFormats.Dnsmasq },
        { "formats/bind-query.log", LogFormats.BindQuery },
        { "formats/w3c-iis.log", LogFormats.W3c },
        { "formats/w3c-tmg.log", LogFormats.W3c },
    };

    private static readonly ParserOptions Options = new()
    {
        TimeZone = DateTimeZone.Utc,
        ReferenceYear = 2026,
        Clock = new FixedClock(Instant.FromUtc(2026, 11, 23, 12, 0)),
    };

    private static List<NetEvent> Parse(string sample, string format)
    {
        var parser = LogFormats.CreateParser(format, Options);
        var lines = File.ReadAllLines(RepoFiles.Path(["samples", .. sample.Split('/')]));
        return lines.Select((line, i) => parser.Parse(line, new EventOrigin(sample, i + 1)))
            .Where(r => r.IsSuccess).Select(r => r.Event!).ToList();
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void No_parsed_event_sent_to_the_narrow_table_fills_a_column_it_lacks(string sample, string format)
    {
        var events = Parse(sample, format);
        Assert.NotEmpty(events);

        AssertNarrowFillsNoRareColumn(events);
    }

    [Property(MaxTest = 200)]
    public Property No_generated_event_sent_to_the_narrow_table_fills_a_column_it_lacks() =>
        Prop.ForAll(EcsTestEvents.Events.ToArbitrary(), e =>
        {
            _probe.Execute("DELETE FROM probe");
            AssertNarrowFillsNoRareColumn([e]);
        });

    /// <summary>Writes the events with every column (as the wide table takes them) and checks the rare columns of those not sent wide.</summary>
    private void AssertNarrowFillsNoRareColumn(IReadOnlyList<NetEvent> events)
    {
        using (var appender = new ChunkAppender(_probe, "probe"))
            foreach (var e in events) EventRowWriter.Append(appender, e);
        var wide = events.Where(EventTables.IsWide).Select(e => e.Id.ToGuid()).ToHashSet();
        using var command = _probe.CreateCommand();
        command.CommandText = $"SELECT id, {string.Join(" || ', ' || ", EventTables.RareColumns.Select(c =>
            $"CASE WHEN {StoreSchema.Quote(c)} IS NULL THEN '' ELSE '{c}' END"))} FROM probe";
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var filled = r.GetString(1).Split(", ", StringSplitOptions.RemoveEmptyEntries);
            Assert.True(filled.Length == 0 || wide.Contains(r.GetGuid(0)),
                $"event {r.GetGuid(0)} goes to the narrow table but fills {string.Join(", ", filled)}");
        }
    }

    [Fact]
    public void Squid_events_go_to_the_narrow_table_and_e2guardian_fortigate_and_dns_ones_to_the_wide()
    {
        var squid = Parse("logs/squid-native.log", LogFormats.SquidNative);
        var others = new[] {
            Parse("logs/e2guardian-fmt2-csv.log", LogFormats.E2Guardian2)[0],
            Parse("formats/fortigate.log", LogFormats.Fortigate)[0],
            Parse("formats/dnsmasq.log", LogFormats.Dnsmasq)[0],
        };
        using (var store = DuckDbStore.Open(_dir.Path))
        {
            StoreEvents.Write(store, [.. squid, .. others]);
            Assert.Equal(squid.Count + others.Length, StoreEvents.All(store).Count);
        }

        Assert.Equal(squid.Count, Count($"SELECT count(*) FROM {EventTables.Narrow}"));
        Assert.Equal(others.Length, Count($"SELECT count(*) FROM {EventTables.Wide}"));
        Assert.Equal(squid.Count + others.Length, Count("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task A_version_2_store_opens_reads_the_same_rows_and_replace_and_retention_delete_from_it()
    {
        var old = Enumerable.Range(1, 6).Select(i => i % 2 == 0 ? TestEvents.Full(i) : TestEvents.Minimal(i)).ToList();
        using (var connection = StoreEvents.Connect(_dir))
        {
            // A store as version 2 made it: one events table with every column.
            connection.Execute("CREATE TABLE store_info (key VARCHAR PRIMARY KEY, value VARCHAR)");
            connection.Execute("INSERT INTO store_info VALUES ('schema_version', '2')");
            connection.Execute($"CREATE TABLE events ({StoreSchema.EventColumns})");
            using var appender = new ChunkAppender(connection, "events");
            foreach (var e in old) EventRowWriter.Append(appender, e);
        }

        using (var store = DuckDbStore.Open(_dir.Path))
        {
            var read = StoreEvents.All(store).OrderBy(e => e.Origin.LineNumber).ToList();
            Assert.Equal(old.Count, read.Count);
            for (var i = 0; i < old.Count; i++) Assert.Empty(EcsTestEvents.Differences(old[i], read[i]));

            // A finding replacing a stored event (kept in the old table) and a new event.
            var finding = old[2] with { Finding = new Finding { Kind = FindingKinds.SharedPassword, Description = "x", Start = old[2].Timestamp } };
            using (var session = store.Writer.Begin())
            {
                await session.WriteFindingsAsync([finding], CancellationToken.None);
                await session.WriteEventsAsync([TestEvents.Minimal(7)], CancellationToken.None);
                await session.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(7, StoreEvents.All(store).Count);
            Assert.NotNull((await store.Search.GetAsync(finding.Id, CancellationToken.None))!.Finding);

            // Events before line 5's time: lines 1, 2 and 4 (line 3 is a finding now), from either table.
            Assert.Equal(3, await store.Retention.DeleteOlderThanAsync(RecordKind.Events, old[4].Timestamp, CancellationToken.None));
            Assert.Equal([3L, 5L, 6L, 7L], StoreEvents.All(store).Select(e => e.Origin.LineNumber).Order());
        }

        Assert.Equal(StoreSchema.Version.ToString(), Scalar("SELECT value FROM store_info WHERE key = 'schema_version'"));
        // The old rows stay in the old table (now the wide one); the finding replacing line 3 (a Squid-like event) and line 7 are narrow.
        Assert.Equal([3L, 7L], Lines(EventTables.Narrow));
        Assert.Equal([5L, 6L], Lines(EventTables.Wide));
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    private List<long> Lines(string table)
    {
        using var connection = StoreEvents.Connect(_dir);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT origin_line FROM {table} ORDER BY 1";
        using var r = command.ExecuteReader();
        var lines = new List<long>();
        while (r.Read()) lines.Add(r.GetInt64(0));
        return lines;
    }

    private long Count(string sql) => Convert.ToInt64(Scalar(sql));

    private object? Scalar(string sql)
    {
        using var connection = StoreEvents.Connect(_dir);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        _probe.Dispose();
        _dir.Dispose();
    }
}
