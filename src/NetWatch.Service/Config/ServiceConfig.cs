using NetWatch.Api;
using NetWatch.Pipeline;
using NetWatch.Pipeline.Reference;
using NetWatch.Service.Sources;
using NodaTime;

namespace NetWatch.Service.Config;

/// <summary>
/// What <c>netwatch run</c> (and <c>import</c>, which builds one) does: where the store is, which sources to read, how
/// events are enriched, where the API (with /metrics and /healthz) is served. The composition root (<see cref="Composition.Ingestion"/>) builds the
/// pipeline from it.
/// </summary>
public sealed record ServiceConfig(
    string Store,
    IReadOnlyList<SourceSettings> Sources,
    bool JsonLogs,
    bool Once)
{
    /// <summary>Category list directories for classification (as import's --lists); none: no classification.</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];

    /// <summary>Safeguarding detection also asks the semantic layer (a local sentence-embedding model) about searches the
    /// lexical layer leaves undecided (as import's --semantic). Needs <see cref="Lists"/>.</summary>
    public bool Semantic { get; init; }

    /// <summary>The DSL's feedback examples (labelled-set TSV files) added to the shipped ones (as import's --safeguarding-examples).</summary>
    public IReadOnlyList<string> SafeguardingExamples { get; init; } = [];

    /// <summary>Acceptable-use policy file (as import's --policy); null: no policy verdicts.</summary>
    public string? Policy { get; init; }

    /// <summary>Attribution's reference files (as import's --directory, --devices, --leases, --wired-network); null: none.</summary>
    public AttributionSettings? Attribution { get; init; }

    /// <summary>How often the service looks whether the attribution files changed (and re-reads them if so).</summary>
    public Duration AttributionReload { get; init; } = Duration.FromMinutes(1);

    /// <summary>How often the findings so far (shared passwords, unattributed volume...) are stored, each replacing its
    /// earlier version; they are stored once more when the service stops.</summary>
    public Duration FindingsEvery { get; init; } = Duration.FromMinutes(5);

    /// <summary>The memory the ingestion may use (<c>memory</c>, import's <c>--memory</c>), split between the store and the
    /// batches in flight (<see cref="MemoryBudget"/>); null: the defaults (DuckDB 1 GB, batches of 130,000 events).</summary>
    public MemoryBudget? Memory { get; init; }

    /// <summary>DuckDB's memory limit under <see cref="Memory"/>: the live service's share (<see cref="LiveMemoryPlan"/>), or
    /// an import's and a replay's (<see cref="MemoryBudget.StoreBytes"/>); null: the store's default.</summary>
    public long? StoreMemory => Memory is { } m ? Once ? m.StoreBytes : m.LiveStoreBytes : null;

    /// <summary>
    /// <c>checkpoints: { side_file: true, wal_mb: 256 }</c> (the default): the live service checkpoints the store's main
    /// file in the background once its WAL has this many bytes, and commits into a side file meanwhile, so a checkpoint
    /// never stops the stream (<see cref="Storage.Contracts.Writing.ISideFile"/>); null (<c>side_file: false</c>): DuckDB's
    /// own threshold checkpoints at a commit, which waits for it. A replay (<see cref="Once"/>) never has one.
    /// </summary>
    public long? SideFileWal { get; init; }

    /// <summary>The top-level <c>school</c> (a single school); a source's own <c>school</c> (a trust) wins. Null: none.</summary>
    public Core.Events.Organization? School { get; init; }

    /// <summary>The <c>alerts:</c> section (channels, routing, escalation); null: alerts go to the live feed only.</summary>
    public Alerts.AlertsSettings? Alerts { get; init; }
    /// <summary>The <c>reports:</c> section: the PDF's browser and the weekly SLT e-mail.</summary>
    public Reports.ReportsSettings Reports { get; init; } = Service.Reports.ReportsSettings.None;
    /// <summary>The <c>retention</c> section: periods per kind that override the policy's, and the daily job's time.</summary>
    public Retention.RetentionSettings Retention { get; init; } = Service.Retention.RetentionSettings.Default;
    /// <summary>The service's HTTP API (with /metrics and /healthz): the <c>api:</c> section. An empty pseudonym secret:
    /// the one the service keeps in the store directory.</summary>
    public ApiOptions Api { get; init; } = new();
    /// <summary>Whom staff ask for their own data, as the transparency notice says (<c>notice.contact</c>); null: the school's Data Protection Officer.</summary>
    public string? NoticeContact { get; init; }
}
