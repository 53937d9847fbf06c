using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.E2Guardian;

/// <summary>e2guardian <c>logfileformat = 4</c>: the 19-field list separated by TABs (date and time are one field).</summary>
public sealed class E2GuardianFmt4Parser(ParserOptions options) : ILogLineParser
{
    public const string FormatName = "e2guardian-4";

    private readonly DateTimeZone _zone = options.TimeZone;

    public E2GuardianFmt4Parser() : this(ParserOptions.Default) { }

    public string Format => FormatName;

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        Span<Range> fields = stackalloc Range[E2GuardianRecord.ListFieldCount + 1];
        var count = line.Split(fields, '\t');
        if (count != E2GuardianRecord.ListFieldCount)
            return ParseResult.Fail(ParseReasons.FieldCount, $"expected {E2GuardianRecord.ListFieldCount} TAB-separated fields");
        var r = E2GuardianRecord.FromList(line, fields);
        if (!LogTimestamps.TryParseE2Guardian(line[fields[0]], _zone, out r.Timestamp))
            return ParseResult.Fail(ParseReasons.BadTimestamp, "expected yyyy.MM.dd HH:mm:ss");
        return E2GuardianEventFactory.Create(FormatName, line, origin, r);
    }
}
