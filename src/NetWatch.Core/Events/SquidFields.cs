namespace NetWatch.Core.Events;

/// <summary>squid.*: Squid's own fields. Null members were "-" in the log.</summary>
public sealed record SquidFields
{
    /// <summary>squid.result_code, e.g. TCP_MISS, TCP_DENIED, NONE_NONE</summary>
    public string? ResultCode { get; init; }
    /// <summary>squid.hierarchy_code, e.g. HIER_DIRECT</summary>
    public string? HierarchyCode { get; init; }
    /// <summary>squid.peer: the server or peer address after the hierarchy code</summary>
    public string? Peer { get; init; }
}
