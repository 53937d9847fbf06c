using NetWatch.Core.Policy;

namespace NetWatch.Api.Privacy.Notice;

/// <summary>One source of the running configuration: its name, kind (file, syslog-udp, ...) and log format (null: detected).</summary>
public sealed record NoticeSource(string Name, string Type, string? Format);

/// <summary>How long one kind of record is kept (null period: kept until one is set) and what set it.</summary>
public sealed record NoticeRetention(string Kind, string? Period, string Source);

/// <summary>
/// What the transparency notice (seed 000 §7.3.2) is made from: the running configuration's school, sources and
/// enrichment, its policy, the retention periods, and whom to ask. The accounts (who can see it) are read when the
/// notice is made, so their counts are current.
/// </summary>
public sealed record NoticeFacts
{
    public string? School { get; init; }
    public IReadOnlyList<NoticeSource> Sources { get; init; } = [];
    /// <summary>Attribution's feeds in words ("the people directory", "DHCP leases", ...); empty: attribution is off.</summary>
    public IReadOnlyList<string> AttributionFeeds { get; init; } = [];
    public bool Classified { get; init; }
    public bool SemanticSafeguarding { get; init; }
    public SchoolPolicy? Policy { get; init; }
    public IReadOnlyList<NoticeRetention> Retention { get; init; } = [];
    /// <summary>Whom staff ask for their own data (configuration <c>notice.contact</c>).</summary>
    public string Contact { get; init; } = DefaultContact;

    public const string DefaultContact = "the school's Data Protection Officer";
}
