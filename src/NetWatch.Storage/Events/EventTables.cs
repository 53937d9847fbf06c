using NetWatch.Core.Ecs;
using NetWatch.Core.Events;

namespace NetWatch.Storage.Events;

/// <summary>
/// How the store keeps events (schema version 3): <c>events</c> is a view with the catalogue's columns in its order, the
/// UNION ALL of two tables, <see cref="Narrow"/> without the <see cref="RareColumns"/> (NULL in the view) and
/// <see cref="Wide"/> with every column, for the events that fill any rare column. DuckDB pays per column per row group
/// for a column even when every row of it is NULL (its statistics, validity, compression analysis); leaving out the 25
/// columns no Squid event fills cut the events append by ~27% and the whole write by ~13%
/// (bench/results/narrow-2026-12-06-session32.txt, variant v). Readers read the view (by name or by position, as before);
/// writers and deletes go to both tables. A list of DuckDB's layout, not the catalogue's: another store keeps one flat row.
/// </summary>
internal static class EventTables
{
    /// <summary>The view readers read.</summary>
    public const string View = "events";

    /// <summary>The table of the events that fill no rare column (nearly all of a web proxy's).</summary>
    public const string Narrow = "events_narrow";

    /// <summary>The table of the events that fill a rare column (e2guardian, firewall, DNS, and proxy lines with a user agent).</summary>
    public const string Wide = "events_wide";

    /// <summary>Both physical tables: what a write or a delete of events goes to.</summary>
    public static readonly string[] Physical = [Narrow, Wide];

    /// <summary>
    /// The columns the narrow table lacks: those no Squid native event fills, whatever the configuration. url_path and
    /// url_query are NULL where the reader derives them from url_original (<see cref="StoredUrl"/>).
    /// </summary>
    public static readonly IReadOnlySet<string> RareColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "url_path", "url_query", "http_request_referrer", "http_version", "user_agent_original",
        "e2guardian_flag", "e2guardian_reason", "e2guardian_category", "e2guardian_filter_group_id",
        "e2guardian_filter_group_name", "e2guardian_weight", "e2guardian_client_host", "e2guardian_message_no",
        "source_port", "source_bytes", "destination_ip", "destination_port", "destination_bytes", "network_transport",
        "dns_question_name", "dns_question_type", "dns_question_class", "dns_header_flags", "fortinet", "pfsense",
    };

    /// <summary>The wide table's fields: every stored one, in the catalogue's order.</summary>
    public static IReadOnlyList<EcsField> WideFields => EcsFieldCatalog.Stored;

    /// <summary>The narrow table's fields: the stored ones but the rare, in the catalogue's order.</summary>
    public static readonly IReadOnlyList<EcsField> NarrowFields = EcsFieldCatalog.Stored.Where(f => !RareColumns.Contains(f.Column!)).ToArray();

    /// <summary>The fields of a physical table.</summary>
    public static IReadOnlyList<EcsField> Fields(string table) => table switch
    {
        Narrow => NarrowFields,
        Wide => WideFields,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a table of events"),
    };

    /// <summary>
    /// Whether the event goes to the wide table: it fills a rare column (as <see cref="EventRowWriter"/> writes it). Null
    /// checks, and for a URL the parser split the same test the writer makes (StoredUrl.PathAndQueryDerived).
    /// </summary>
    public static bool IsWide(NetEvent e) =>
        e.Referrer is not null || e.HttpVersion is not null || e.UserAgent is not null || e.E2Guardian is not null
        || e.SourcePort is not null || e.SourceBytes is not null || e.DestinationIp is not null
        || e.DestinationPort is not null || e.DestinationBytes is not null || e.NetworkTransport is not null
        || e.Dns is not null || e.Fortinet is not null || e.PfSense is not null
        || StoredUrl.PathOrQueryStored(e.Url);

    /// <summary>
    /// The write session that left the event's roll-ups owed (<see cref="Rollups.RollupCatchUp"/>), or NULL: counted as
    /// it was stored. A column of both tables after the catalogue's, not in the view (no reader's question names it): a
    /// session's events carry one value, so the catch-up finds them through the row groups' zone maps.
    /// </summary>
    public const string OwedColumn = "netwatch_owed";

    /// <summary>The view over both tables: the catalogue's columns in its order, NULL of its type where the narrow table lacks one.</summary>
    public static string ViewStatement() => $"CREATE OR REPLACE VIEW {View} AS {Union("")}";

    /// <summary>The view's rows with <see cref="OwedColumn"/> beside them (a subquery, for the roll-ups' catch-up).</summary>
    public static string WithOwed => $"({Union(", " + OwedColumn)})";

    private static string Union(string extra)
    {
        var narrow = string.Join(", ", EcsFieldCatalog.Stored.Select(f => RareColumns.Contains(f.Column!)
            ? $"CAST(NULL AS {StoreSchema.ColumnType(f.Type)}) AS {StoreSchema.Quote(f.Column!)}"
            : StoreSchema.Quote(f.Column!)));
        var wide = string.Join(", ", EcsFieldCatalog.Stored.Select(f => StoreSchema.Quote(f.Column!)));
        return $"SELECT {narrow}{extra} FROM {Narrow} UNION ALL SELECT {wide}{extra} FROM {Wide}";
    }
}
