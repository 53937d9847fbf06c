namespace NetWatch.Core.Parsing;

/// <summary>The checks every parser makes first: empty, blank or over-long lines.</summary>
internal static class LineGuard
{
    public static ParseResult? Check(ReadOnlySpan<char> line)
    {
        if (line.IsWhiteSpace()) return ParseResult.Fail(ParseReasons.EmptyLine);
        if (line.Length > ParserLimits.MaxLineLength)
            return ParseResult.Fail(ParseReasons.LineTooLong, $"{line.Length} characters");
        return null;
    }
}
