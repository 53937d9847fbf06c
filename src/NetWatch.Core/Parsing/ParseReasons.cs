namespace NetWatch.Core.Parsing;

/// <summary>
/// The stable, kebab-case reason codes a parser returns with <see cref="ParseResult.Fail"/>. Dead letters are
/// counted and grouped by these codes, so never rename one; add new ones instead.
/// </summary>
public static class ParseReasons
{
    /// <summary>The line is empty or only whitespace.</summary>
    public const string EmptyLine = "empty-line";
    /// <summary>The line does not have the fields the format has (too few, too many, or a separator missing).</summary>
    public const string FieldCount = "field-count";
    /// <summary>A timestamp field could not be read.</summary>
    public const string BadTimestamp = "bad-timestamp";
    /// <summary>A numeric field (status, bytes, elapsed, group...) is not a number.</summary>
    public const string BadNumber = "bad-number";
    /// <summary>The source address field is not an IP address.</summary>
    public const string BadAddress = "bad-address";
    /// <summary>A quoted field is not closed, or a quote is missing where the format has one.</summary>
    public const string BadQuoting = "bad-quoting";
    /// <summary>The line is well formed but records a connection that carried no request (method "-").</summary>
    public const string NoRequest = "no-request";
    /// <summary>The line is longer than any parser accepts (<see cref="ParserLimits.MaxLineLength"/>).</summary>
    public const string LineTooLong = "line-too-long";
    /// <summary>
    /// The line is a header or directive of the log file, not an event (W3C <c>#Fields:</c>, <c>#Software:</c>,
    /// <c>#Date:</c>...). Metadata: count these apart from dead letters.
    /// </summary>
    public const string Header = "header";
    /// <summary>
    /// The line is well formed but records nothing NetWatch stores as an event: a FortiGate system event, a dnsmasq
    /// <c>forwarded</c>/<c>reply</c>/<c>cached</c> line, a BIND log line that is not a query.
    /// </summary>
    public const string NotAnEvent = "not-an-event";
    /// <summary>A W3C data line came before any <c>#Fields:</c> header, so its columns are unknown.</summary>
    public const string NoFieldsHeader = "no-fields-header";

    /// <summary>
    /// True for reasons that mark a line as rightly not an event (headers, non-request records): such lines
    /// are counted as skipped, not kept as dead letters.
    /// </summary>
    public static bool IsSkip(string? reason) => reason is Header or NotAnEvent;
}
