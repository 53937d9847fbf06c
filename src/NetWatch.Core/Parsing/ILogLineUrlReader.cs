using NetWatch.Core.Events;

namespace NetWatch.Core.Parsing;

/// <summary>
/// An optional capability of a parser: a line's method and URL fields as logged, found without building the event.
/// The alerts' read-ahead screens every line of a followed file for safeguarding text and reads nothing but the URL;
/// the whole event (its id's hash, every field's string, the format's group) was most of that screen's cost, and
/// almost all of it was thrown away (61 lines of 1M may alert in the bench's log).
/// <para>The promise, which the read-ahead relies on to miss nothing: when <see cref="ILogLineParser.Parse"/> gives a
/// line an event, <see cref="TryReadUrl"/> gives false, or the fields whose <see cref="LineUrl.Parts(ReadOnlySpan{char}, ReadOnlySpan{char})"/>
/// equal that event's <see cref="NetEvent.Url"/>. For a line that is no event it may give anything. False means
/// "parse the line fully to know". Never throws.</para>
/// </summary>
public interface ILogLineUrlReader
{
    bool TryReadUrl(ReadOnlySpan<char> line, out ReadOnlySpan<char> method, out ReadOnlySpan<char> url);
}
