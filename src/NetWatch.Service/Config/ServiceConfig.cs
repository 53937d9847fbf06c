using NetWatch.Pipeline.Reference;
using NodaTime;

namespace NetWatch.Service.Config;

/// <summary>What <c>netwatch run</c> does: where the store is, which sources to read, where health is served.</summary>
public sealed record ServiceConfig(
    string Store,
    IReadOnlyList<SourceConfig> Sources,
    string HttpBind,
    int HttpPort,
    bool JsonLogs,
    bool Once)
{
    /// <summary>Category list directories for classification (as import's --lists); none: no classification.</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];

    /// <summary>Acceptable-use policy file (as import's --policy); null: no policy verdicts.</summary>
    public string? Policy { get; init; }

    /// <summary>Attribution's reference files (as import's --directory, --devices, --leases, --wired-network); null: none.</summary>
    public AttributionSettings? Attribution { get; init; }

    /// <summary>How often the service looks whether the attribution files changed (and re-reads them if so).</summary>
    public Duration AttributionReload { get; init; } = Duration.FromMinutes(1);

    /// <summary>How often the findings so far (shared passwords, unattributed volume...) are stored, each replacing its
    /// earlier version; they are stored once more when the service stops.</summary>
    public Duration FindingsEvery { get; init; } = Duration.FromMinutes(5);
}

public enum SourceKind { File, SyslogUdp, SyslogTcp }

/// <summary>One source. Files: <see cref="Path"/> (a '*' in the file name follows every match), optional format
/// (else detected). Syslog: bind address, port and rules picking the body's format by host and app-name.</summary>
public sealed record SourceConfig(
    string Name,
    SourceKind Kind,
    string? Path,
    string? Format,
    string Bind,
    int Port,
    IReadOnlyList<SyslogRuleConfig> Rules);

public sealed record SyslogRuleConfig(string? Host, string? AppName, string Format);
