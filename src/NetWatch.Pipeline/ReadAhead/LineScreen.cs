using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;

namespace NetWatch.Pipeline.ReadAhead;

/// <summary>
/// The read-ahead's screen of a block: the lines that may raise a safeguarding alert lexically, as events, in line
/// order. The check reads only the URL, so a parser that can give it alone (<see cref="ILogLineUrlReader"/>: the
/// Squid layouts) is asked for that, the check runs on it as logged (<see cref="LexicalUrlScreen"/>), and only the
/// few lines that pass are parsed into events; other parsers' lines are parsed in full first, as before. Before this,
/// every line was parsed twice in the live service (the bulk pipeline and here): ~830 MB allocated per 1M lines here.
/// <para>The same events come out either way: a line the full parse makes an event has the same URL parts from
/// its method and URL fields (the reader's promise), so the same check decides; a line that passes the check but is
/// no event (the reader promises nothing for those) is dropped when parsed, as the full parse dropped it. Dead
/// letters are the bulk path's to record.</para>
/// </summary>
public sealed class LineScreen(LexicalUrlScreen check)
{
    public LineScreen() : this(LexicalUrlScreen.Default) { }

    /// <summary>The check it runs.</summary>
    public LexicalUrlScreen Check => check;

    /// <summary>
    /// The events of the block's lines that may alert, in line order; null when none. Each line's answer goes to
    /// <paramref name="screened"/> when given (clean, or not: a candidate, or a line that is no event).
    /// </summary>
    public List<NetEvent>? Candidates(LineBlock lines, ILogLineParser parser, ScreenedLines? screened = null)
    {
        var reader = parser as ILogLineUrlReader;
        List<NetEvent>? found = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines.Line(i);
            var lineNumber = lines.FirstLineNumber + i;
            NetEvent? e = null;
            bool clean;
            if (reader is not null && TryReadUrl(reader, line, out var method, out var url))
                clean = !check.MayAlert(method, url);
            else
            {
                e = Parse(parser, line, lines.Source, lineNumber);
                clean = e is not null && !check.MayAlert(e.Url);
            }
            screened?.Record(lineNumber, line, clean);
            if (clean) continue;
            e ??= Parse(parser, line, lines.Source, lineNumber);
            if (e is not null) (found ??= []).Add(e);
        }
        return found;
    }

    /// <summary>A reader that breaks its never-throw promise leaves the line to the full parse.</summary>
    private static bool TryReadUrl(ILogLineUrlReader reader, ReadOnlySpan<char> line, out ReadOnlySpan<char> method, out ReadOnlySpan<char> url)
    {
        try
        {
            return reader.TryReadUrl(line, out method, out url);
        }
        catch (Exception)
        {
            method = url = default;
            return false;
        }
    }

    /// <summary>The line's event as <see cref="ParseStage"/> makes it (same origin, so the same id), or null (the bulk path records the dead letters).</summary>
    private static NetEvent? Parse(ILogLineParser parser, ReadOnlySpan<char> line, string source, long lineNumber) =>
        ParseStage.ParseLine(parser, line, source, lineNumber).Event;
}
