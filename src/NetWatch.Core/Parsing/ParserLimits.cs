namespace NetWatch.Core.Parsing;

/// <summary>Bounds shared by all parsers.</summary>
public static class ParserLimits
{
    /// <summary>Lines longer than this are dead-lettered as <see cref="ParseReasons.LineTooLong"/>. Squid's own
    /// URL limit is 8 KiB; 64 Ki characters leaves room for long user agents and referrers.</summary>
    public const int MaxLineLength = 65536;
}
