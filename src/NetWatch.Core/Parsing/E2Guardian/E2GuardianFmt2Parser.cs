using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.E2Guardian;

/// <summary>
/// e2guardian <c>logfileformat = 2</c>: the 19-field list, each field in <c>"…"</c>, joined by commas. Inner quotes
/// are NOT escaped (a user agent <c>(compatible; "SchoolBot"/1.0; …)</c> is written as is), so fields are split on
/// <c>","</c>: the first 14 from the left and the last 4 from the right; the user agent (field 15) is the middle
/// and may contain anything.
/// </summary>
public sealed class E2GuardianFmt2Parser(ParserOptions options) : ILogLineParser
{
    public const string FormatName = "e2guardian-2";

    private const int LeftFields = 14;
    private const int RightFields = 4;
    private readonly DateTimeZone _zone = options.TimeZone;

    public E2GuardianFmt2Parser() : this(ParserOptions.Default) { }

    public string Format => FormatName;

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        var text = line.TrimEnd(' ');
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
            return ParseResult.Fail(ParseReasons.BadQuoting, "expected a line of quoted fields");
        var inner = text[1..^1];

        Span<Range> fields = stackalloc Range[E2GuardianRecord.ListFieldCount];
        var rest = inner;
        var offset = 0;
        for (var i = 0; i < LeftFields; i++)
        {
            var sep = rest.IndexOf("\",\"");
            if (sep < 0) return ParseResult.Fail(ParseReasons.FieldCount, $"expected {E2GuardianRecord.ListFieldCount} fields");
            fields[i] = new Range(offset, offset + sep);
            offset += sep + 3;
            rest = rest[(sep + 3)..];
        }
        var end = inner.Length;
        for (var i = E2GuardianRecord.ListFieldCount - 1; i >= E2GuardianRecord.ListFieldCount - RightFields; i--)
        {
            var sep = inner[offset..end].LastIndexOf("\",\"");
            if (sep < 0) return ParseResult.Fail(ParseReasons.FieldCount, $"expected {E2GuardianRecord.ListFieldCount} fields");
            fields[i] = new Range(offset + sep + 3, end);
            end = offset + sep;
        }
        fields[LeftFields] = new Range(offset, end);

        var r = E2GuardianRecord.FromList(inner, fields);
        if (!LogTimestamps.TryParseE2Guardian(inner[fields[0]], _zone, out r.Timestamp))
            return ParseResult.Fail(ParseReasons.BadTimestamp, "expected yyyy.MM.dd HH:mm:ss");
        return E2GuardianEventFactory.Create(FormatName, line, origin, r);
    }
}
