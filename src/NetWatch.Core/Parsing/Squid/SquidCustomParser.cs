using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;

namespace NetWatch.Core.Parsing.Squid;

/// <summary>
/// The corpus's custom <c>school</c> format: the native fields followed by <c>"%"{User-Agent}>h" "%"{Referer}>h"</c>.
/// <c>%"</c> escapes <c>"</c> and <c>\</c> with a backslash. The two quoted fields are read from the right end
/// (the user name in the native part may contain spaces), and what is left is parsed as a native line.
/// </summary>
public sealed class SquidCustomParser : ILogLineParser, ILogLineUrlReader
{
    public const string FormatName = "squid-custom";

    public string Format => FormatName;

    /// <summary>The method and URL alone, for the alerts' read-ahead (<see cref="ILogLineUrlReader"/>).</summary>
    public bool TryReadUrl(ReadOnlySpan<char> line, out ReadOnlySpan<char> method, out ReadOnlySpan<char> url) =>
        SquidEventFactory.TryReadUrl(line, out method, out url);

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        var text = line.TrimEnd(' ');
        var refOpen = QuotedField.FindOpeningQuoteOfLast(text);
        if (refOpen < 1 || text[refOpen - 1] != ' ')
            return ParseResult.Fail(ParseReasons.BadQuoting, "expected a quoted referer at the end of the line");
        var referer = text[(refOpen + 1)..^1];
        var head = text[..(refOpen - 1)].TrimEnd(' ');
        var uaOpen = QuotedField.FindOpeningQuoteOfLast(head);
        if (uaOpen < 1 || head[uaOpen - 1] != ' ')
            return ParseResult.Fail(ParseReasons.BadQuoting, "expected a quoted user agent before the referer");
        var ua = head[(uaOpen + 1)..^1];

        if (!SquidNativeLine.TryRead(head[..(uaOpen - 1)], out var n, out var reason, out var detail))
            return ParseResult.Fail(reason, detail);
        var fields = SquidEventFactory.FromNative(n);
        fields.UserAgent = ua is "-" ? null : QuotedField.Unescape(ua);
        fields.Referrer = referer is "-" ? null : QuotedField.Unescape(referer);
        return SquidEventFactory.Create(FormatName, SquidEventFactory.Dataset, SquidEventFactory.Product, line, origin, fields);
    }
}
