namespace NetWatch.Core.Events;

/// <summary>
/// The fields of <see cref="NetEvent"/> that a web proxy's events never set (the network fields of firewall and DNS
/// logs, the other products' own fields, a finding's): kept out of line, so that a proxy event, whose copy waits in
/// memory until the store has written it, is ~100 bytes smaller. NetEvent's properties read and write through it;
/// null when none is set, so an event equals itself however it was built (a parser's, a stored one read back).
/// </summary>
internal sealed record RarelySetFields
{
    private static readonly RarelySetFields None = new();

    public int? SourcePort { get; init; }
    public string? DestinationIp { get; init; }
    public int? DestinationPort { get; init; }
    public string? NetworkTransport { get; init; }
    public long? SourceBytes { get; init; }
    public long? DestinationBytes { get; init; }
    public E2GuardianFields? E2Guardian { get; init; }
    public FortinetFields? Fortinet { get; init; }
    public PfSenseFields? PfSense { get; init; }
    public DnsFields? Dns { get; init; }
    public Finding? Finding { get; init; }
    /// <summary>event.start and event.end where they are not what @timestamp and the duration give (see NetEvent).</summary>
    public StartEnd? StartEnd { get; init; }

    /// <summary>
    /// <paramref name="fields"/> with one field set to <paramref name="value"/> by <paramref name="change"/> (a copy: a
    /// NetEvent made by <c>with</c> shares its original's fields); null when none is set after it.
    /// </summary>
    public static RarelySetFields? Set<T>(RarelySetFields? fields, T value, Func<RarelySetFields, T, RarelySetFields> change)
    {
        if (value is null && fields is null) return null;
        var changed = change(fields ?? None, value);
        return changed.Equals(None) ? null : changed;
    }
}
