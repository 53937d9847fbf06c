using NetWatch.Core.Ecs;

namespace NetWatch.Storage.Events;

/// <summary>
/// The DuckDB schema (the events' tables: <see cref="EventTableMigration.Apply(DuckDB.NET.Data.DuckDBConnection)"/>). Events are flat columns named after their ECS fields ('.' → '_'; see EcsFieldCatalog), appended in
/// arrival order, which for logs is time order: DuckDB's per-row-group min/max (zone maps) then prune
/// time-range scans. Per-user queries scan the user_name column alone (columnar),
/// which DuckDB does at hundreds of millions of values a second; an ART index would slow every append.
/// </summary>
public static class StoreSchema
{
    /// <summary>
    /// The store's representation, kept in store_info's schema_version at every open and checked before it
    /// (<see cref="StoreVersionCheck"/>): 1, the events table after <see cref="EcsFieldCatalog"/>; 2, url.path, url.query
    /// and url.domain_unicode left empty where url.original gives them (<see cref="StoredUrl"/>); 3, events a view over
    /// a narrow and a wide table (<see cref="EventTables"/>; a build of version 2 would not find its events table). Raise it when a store
    /// written by this build would be misread by the one before.
    /// </summary>
    public const int Version = 3;

    /// <summary>The column that holds netwatch.finding.*: set on findings, null on observed events.</summary>
    public static readonly string FindingColumn = EcsFieldCatalog.Get("netwatch.finding").Column!;

    /// <summary>Column definitions of a table of all the events' columns, from <see cref="EcsFieldCatalog"/> in its order (the appender's).</summary>
    public static readonly string EventColumns = ColumnDefinitions(EcsFieldCatalog.Stored);

    /// <summary>Column definitions of these fields, in their order.</summary>
    public static string ColumnDefinitions(IEnumerable<EcsField> fields) => string.Join(",\n", fields.Select(ColumnDefinition));

    /// <summary>The DuckDB type of a field's column.</summary>
    public static string ColumnType(EcsType type) => type switch
    {
        EcsType.Id => "UUID",
        EcsType.Keyword => "VARCHAR",
        EcsType.Long => "BIGINT",
        EcsType.Integer => "INTEGER",
        EcsType.Double => "DOUBLE",
        EcsType.Boolean => "BOOLEAN",
        EcsType.Date => "TIMESTAMP",
        EcsType.KeywordList => "VARCHAR[]",
        EcsType.Object => "JSON",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static string ColumnDefinition(EcsField f) =>
        $"{Quote(f.Column!)} {ColumnType(f.Type)}{(f.Required ? " NOT NULL" : "")}";

    internal static string Quote(string column) => $"\"{column}\"";

    public static readonly string[] Statements =
    [
        "CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """
        CREATE TABLE IF NOT EXISTS dead_letters (
            id UUID NOT NULL,
            source VARCHAR NOT NULL,
            line BIGINT NOT NULL,
            raw VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            detail VARCHAR,
            received_at TIMESTAMP NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS visits (
            person VARCHAR NOT NULL,
            role VARCHAR,
            domain VARCHAR NOT NULL,
            "start" TIMESTAMP NOT NULL,
            "end" TIMESTAMP NOT NULL,
            duration_seconds DOUBLE NOT NULL,
            event_count INTEGER NOT NULL,
            categories VARCHAR[] NOT NULL,
            verdict VARCHAR,
            policy_name VARCHAR,
            first_event_id UUID NOT NULL)
        """,
    ];
}
