namespace NetWatch.Storage;

/// <summary>
/// The DuckDB schema. Events are flat columns named after their ECS fields ('.' → '_'), appended in
/// arrival order, which for logs is time order: DuckDB's per-row-group min/max (zone maps) then prune
/// time-range scans. Per-user queries scan the user_name column alone (columnar),
/// which DuckDB does at hundreds of millions of values a second; an ART index would slow every append.
/// </summary>
public static class StoreSchema
{
    public const int Version = 1;

    /// <summary>Column definitions of the events table, in appender order (see EventRowWriter).</summary>
    public const string EventColumns = """
        id UUID NOT NULL,
        origin_source VARCHAR NOT NULL,
        origin_line BIGINT NOT NULL,
        "@timestamp" TIMESTAMP NOT NULL,
        event_start TIMESTAMP,
        event_end TIMESTAMP,
        event_duration BIGINT,
        event_action VARCHAR NOT NULL,
        event_dataset VARCHAR NOT NULL,
        observer_product VARCHAR NOT NULL,
        source_ip VARCHAR,
        source_user_name VARCHAR,
        user_name VARCHAR,
        url_original VARCHAR NOT NULL,
        url_scheme VARCHAR,
        url_domain VARCHAR,
        url_domain_unicode VARCHAR,
        url_port INTEGER,
        url_path VARCHAR,
        url_query VARCHAR,
        url_registered_domain VARCHAR,
        url_top_level_domain VARCHAR,
        http_request_method VARCHAR,
        http_response_status_code INTEGER,
        http_response_bytes BIGINT,
        http_request_referrer VARCHAR,
        http_version VARCHAR,
        http_response_mime_type VARCHAR,
        user_agent_original VARCHAR,
        squid_result_code VARCHAR,
        squid_hierarchy_code VARCHAR,
        squid_peer VARCHAR,
        e2guardian_flag VARCHAR,
        e2guardian_reason VARCHAR,
        e2guardian_category VARCHAR,
        e2guardian_filter_group_id INTEGER,
        e2guardian_filter_group_name VARCHAR,
        e2guardian_weight INTEGER,
        e2guardian_client_host VARCHAR,
        e2guardian_message_no VARCHAR,
        netwatch_categories VARCHAR[],
        netwatch_search_engine VARCHAR,
        netwatch_search_terms VARCHAR,
        netwatch_safeguarding_theme VARCHAR,
        netwatch_safeguarding_severity INTEGER,
        netwatch_safeguarding_matched VARCHAR,
        user_roles VARCHAR[],
        user_group_name VARCHAR,
        user_full_name VARCHAR,
        netwatch_attribution_source VARCHAR,
        netwatch_attribution_confidence DOUBLE,
        netwatch_attribution_unknown_user BOOLEAN,
        host_name VARCHAR,
        netwatch_policy_verdict VARCHAR,
        netwatch_policy_rule VARCHAR,
        netwatch_policy_clause VARCHAR,
        netwatch_policy_name VARCHAR,
        source_port INTEGER,
        source_bytes BIGINT,
        destination_ip VARCHAR,
        destination_port INTEGER,
        destination_bytes BIGINT,
        network_transport VARCHAR,
        dns_question_name VARCHAR,
        dns_question_type VARCHAR,
        dns_question_class VARCHAR,
        dns_header_flags VARCHAR[],
        fortinet JSON,
        pfsense JSON
        """;

    public static readonly string[] Statements =
    [
        "CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR)",
        $"CREATE TABLE IF NOT EXISTS events ({EventColumns})",
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
        """
        CREATE TABLE IF NOT EXISTS imports (
            source VARCHAR NOT NULL,
            format VARCHAR,
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP NOT NULL,
            lines_read BIGINT NOT NULL,
            events_stored BIGINT NOT NULL,
            duplicates BIGINT NOT NULL,
            dead_letters BIGINT NOT NULL)
        """,
    ];
}
