using System.Data.Common;
using DuckDB.NET.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Storage;
using NetWatch.Storage.Events;
using NetWatch.Storage.Contracts;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests;

/// <summary>
/// The events table, EventRowWriter and EventRowReader held to <see cref="EcsFieldCatalog"/>. When a field is added
/// to the catalogue these say what to add: the writer's value (in catalogue order) and the reader's.
/// </summary>
public sealed class EcsCatalogStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <summary>The columns of stores written before the catalogue (schema version 1, then netwatch_finding):
    /// SQL elsewhere names them, and old stores hold them in this order.</summary>
    private static readonly (string Name, string Type)[] FirstColumns =
    [
        ("id", "UUID"), ("origin_source", "VARCHAR"), ("origin_line", "BIGINT"), ("@timestamp", "TIMESTAMP"),
        ("event_start", "TIMESTAMP"), ("event_end", "TIMESTAMP"), ("event_duration", "BIGINT"), ("event_action", "VARCHAR"),
        ("event_dataset", "VARCHAR"), ("observer_product", "VARCHAR"), ("source_ip", "VARCHAR"), ("source_user_name", "VARCHAR"),
        ("user_name", "VARCHAR"), ("url_original", "VARCHAR"), ("url_scheme", "VARCHAR"), ("url_domain", "VARCHAR"),
        ("url_domain_unicode", "VARCHAR"), ("url_port", "INTEGER"), ("url_path", "VARCHAR"), ("url_query", "VARCHAR"),
        ("url_registered_domain", "VARCHAR"), ("url_top_level_domain", "VARCHAR"), ("http_request_method", "VARCHAR"),
        ("http_response_status_code", "INTEGER"), ("http_response_bytes", "BIGINT"), ("http_request_referrer", "VARCHAR"),
        ("http_version", "VARCHAR"), ("http_response_mime_type", "VARCHAR"), ("user_agent_original", "VARCHAR"),
        ("squid_result_code", "VARCHAR"), ("squid_hierarchy_code", "VARCHAR"), ("squid_peer", "VARCHAR"),
        ("e2guardian_flag", "VARCHAR"), ("e2guardian_reason", "VARCHAR"), ("e2guardian_category", "VARCHAR"),
        ("e2guardian_filter_group_id", "INTEGER"), ("e2guardian_filter_group_name", "VARCHAR"), ("e2guardian_weight", "INTEGER"),
        ("e2guardian_client_host", "VARCHAR"), ("e2guardian_message_no", "VARCHAR"), ("netwatch_categories", "VARCHAR[]"),
        ("netwatch_search_engine", "VARCHAR"), ("netwatch_search_terms", "VARCHAR"), ("netwatch_safeguarding_theme", "VARCHAR"),
        ("netwatch_safeguarding_severity", "INTEGER"), ("netwatch_safeguarding_matched", "VARCHAR"), ("user_roles", "VARCHAR[]"),
        ("user_group_name", "VARCHAR"), ("user_full_name", "VARCHAR"), ("netwatch_attribution_source", "VARCHAR"),
        ("netwatch_attribution_confidence", "DOUBLE"), ("netwatch_attribution_unknown_user", "BOOLEAN"), ("host_name", "VARCHAR"),
        ("netwatch_policy_verdict", "VARCHAR"), ("netwatch_policy_rule", "VARCHAR"), ("netwatch_policy_clause", "VARCHAR"),
        ("netwatch_policy_name", "VARCHAR"), ("source_port", "INTEGER"), ("source_bytes", "BIGINT"), ("destination_ip", "VARCHAR"),
        ("destination_port", "INTEGER"), ("destination_bytes", "BIGINT"), ("network_transport", "VARCHAR"),
        ("dns_question_name", "VARCHAR"), ("dns_question_type", "VARCHAR"), ("dns_question_class", "VARCHAR"),
        ("dns_header_flags", "VARCHAR[]"), ("fortinet", "JSON"), ("pfsense", "JSON"), ("netwatch_finding", "VARCHAR"),
    ];

    [Fact]
    public void Columns_of_existing_stores_keep_their_names_types_and_places()
    {
        var stored = EcsFieldCatalog.Stored;
        for (var i = 0; i < FirstColumns.Length; i++)
        {
            Assert.True(stored[i].Column == FirstColumns[i].Name,
                $"column {i} is {stored[i].Column}, was {FirstColumns[i].Name}: stored fields are never renamed or moved (new ones go last)");
            if (i < FirstColumns.Length - 1) // netwatch_finding was VARCHAR, is JSON in new stores: both hold its text
                Assert.Equal(FirstColumns[i].Type, StoreSchema.ColumnType(stored[i].Type));
        }
        Assert.All(stored.Skip(FirstColumns.Length), f => Assert.False(f.Required, $"{f.Name}: a field added later must be nullable"));
    }

    [Fact]
    public void The_events_table_has_a_column_per_stored_field_in_catalogue_order()
    {
        using (DuckDbStore.Open(_dir.Path)) { }
        using var connection = StoreEvents.Connect(_dir);

        // The view readers read: every stored field, in the catalogue's order, with its type.
        Assert.Equal(EcsFieldCatalog.Stored.Select(f => (f.Column!, StoreSchema.ColumnType(f.Type))),
            TableColumns(connection, EventTables.View).Select(c => (c.Item1, c.Item2)));
        // The tables behind it: each its fields in that order, required ones NOT NULL, then the session owing the roll-ups.
        (string, string, bool)[] owed = [(EventTables.OwedColumn, "BIGINT", true)];
        Assert.Equal(EcsFieldCatalog.Stored.Select(f => (f.Column!, StoreSchema.ColumnType(f.Type), !f.Required)).Concat(owed),
            TableColumns(connection, EventTables.Wide));
        Assert.Equal(EcsFieldCatalog.Stored.Where(f => !EventTables.RareColumns.Contains(f.Column!))
            .Select(f => (f.Column!, StoreSchema.ColumnType(f.Type), !f.Required)).Concat(owed), TableColumns(connection, EventTables.Narrow));
        Assert.Equal(25, EcsFieldCatalog.Stored.Count(f => EventTables.RareColumns.Contains(f.Column!)));
    }

    [Fact]
    public void The_row_writer_puts_each_field_in_its_column()
    {
        // A path url.original does not give, so that url_path and url_query hold their values too (where the original
        // gives them, and where url.domain_unicode equals url.domain, those columns hold NULL: StoredUrlTests).
        var e = EcsTestEvents.Everything();
        e = e with { Url = e.Url with { Path = "/search.html" } };
        using (var store = DuckDbStore.Open(_dir.Path))
        {
            var failure = Record.Exception(() => StoreEvents.Write(store, e));
            Assert.True(failure is null, $"EventRowWriter failed ({failure?.Message}): it must append a value for each stored "
                + $"field of EcsFieldCatalog, in its order: {string.Join(", ", EcsFieldCatalog.Stored.Select(f => f.Column))}");
        }
        using var connection = StoreEvents.Connect(_dir);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM events";
        using var row = command.ExecuteReader();
        Assert.True(row.Read());

        foreach (var field in EcsFieldCatalog.Stored)
        {
            var value = CellValue(row, row.GetOrdinal(field.Column!), field.Type);
            var expected = field.Type == EcsType.Object ? field.HasValue(e) : field.Value(e);
            Assert.True(EcsTestEvents.SameValue(expected, value),
                $"column {field.Column} holds {value ?? "null"}, not {field.Name} ({expected}): EventRowWriter must append the fields in catalogue order");
        }
    }

    [Fact]
    public void Every_field_reads_back_as_written()
    {
        var e = EcsTestEvents.Everything();
        using var store = DuckDbStore.Open(_dir.Path);
        StoreEvents.Write(store, e);

        var read = Assert.Single(StoreEvents.All(store));

        var differences = EcsTestEvents.Differences(e, read);
        Assert.True(differences.Count == 0, "EventRowReader must read back " + string.Join("; ", differences));
        Assert.Equal(e.Organization, read.Organization);
        Assert.Equal(e.Ingested, read.Ingested);
    }

    [Property(MaxTest = 100)]
    public Property Any_event_reads_back_as_written() =>
        Prop.ForAll(EcsTestEvents.Events.ToArbitrary(), generated =>
        {
            var e = generated with { Id = new EventId((UInt128)Interlocked.Increment(ref _nextId)) };
            _store ??= DuckDbStore.Open(_dir.Path);
            StoreEvents.Write(_store, e);
            var read = _store.Search.GetAsync(e.Id, CancellationToken.None).GetAwaiter().GetResult();
            Assert.NotNull(read);
            var differences = EcsTestEvents.Differences(e, read);
            Assert.True(differences.Count == 0, string.Join("; ", differences));
        });

    private static int _nextId;
    private DuckDbStore? _store;

    [Fact]
    public void A_store_from_before_the_school_and_ingestion_fields_opens_keeps_its_events_and_gains_them()
    {
        var old = TestEvents.Minimal(1);
        using (var connection = StoreEvents.Connect(_dir))
        {
            Execute(connection, $"CREATE TABLE events ({string.Join(", ", FirstColumns.Select(c => $"\"{c.Name}\" {c.Type}"))})");
            Execute(connection, $"""
                INSERT INTO events (id, origin_source, origin_line, "@timestamp", event_action, event_dataset, observer_product, url_original)
                VALUES ('{old.Id.ToGuid()}', '{old.Origin.Source}', 1, '{old.Timestamp.ToDateTimeUtc():yyyy-MM-dd HH:mm:ss}', 'allowed',
                        'squid.access', 'squid', '{old.Url.Original}')
                """);
        }

        using var store = DuckDbStore.Open(_dir.Path);
        var e = EcsTestEvents.Everything(2);
        StoreEvents.Write(store, e);

        var events = StoreEvents.All(store);
        Assert.Equal(2, events.Count);
        Assert.Null(events[0].Organization);
        Assert.Null(events[0].Ingested);
        Assert.Equal(old.Url.Original, events[0].Url.Original);
        Assert.Empty(EcsTestEvents.Differences(e, events[1]));
    }

    [Fact]
    public void A_store_whose_columns_are_out_of_catalogue_order_is_refused_at_open()
    {
        using (var connection = StoreEvents.Connect(_dir))
        {
            Execute(connection, $"CREATE TABLE events ({string.Join(", ", FirstColumns.Select(c => $"\"{c.Name}\" {c.Type}"))})");
            Execute(connection, "ALTER TABLE events ADD COLUMN organization_name VARCHAR");
        }

        var error = Assert.Throws<InvalidOperationException>(() => DuckDbStore.Open(_dir.Path).Dispose());
        Assert.Contains("netwatch_finding,organization_id,organization_name,event_ingested", error.Message);
        Assert.Contains("netwatch_finding,organization_name,organization_id,event_ingested", error.Message);
    }

    public void Dispose()
    {
        _store?.Dispose();
        _dir.Dispose();
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<(string, string, bool)> TableColumns(DuckDBConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT column_name, data_type, is_nullable FROM duckdb_columns()
            WHERE schema_name = 'main' AND table_name = $table ORDER BY column_index
            """;
        command.Parameters.Add(new DuckDBParameter("table", table));
        using var r = command.ExecuteReader();
        var columns = new List<(string, string, bool)>();
        while (r.Read()) columns.Add((r.GetString(0), r.GetString(1), r.GetBoolean(2)));
        return columns;
    }

    /// <summary>A cell as the catalogue's values are typed (an object column: whether it holds anything).</summary>
    private static object? CellValue(DbDataReader r, int i, EcsType type) => r.IsDBNull(i) ? (type == EcsType.Object ? false : null) : type switch
    {
        EcsType.Id => EventId.FromGuid(r.GetGuid(i)),
        EcsType.Keyword => r.GetString(i),
        EcsType.Long => r.GetInt64(i),
        EcsType.Integer => r.GetInt32(i),
        EcsType.Double => r.GetDouble(i),
        EcsType.Boolean => r.GetBoolean(i),
        EcsType.Date => Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc)),
        EcsType.KeywordList => r.GetFieldValue<List<string>>(i),
        EcsType.Object => true,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
