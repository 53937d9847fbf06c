namespace NetWatch.Core.Parsing;

/// <summary>
/// A parser whose reading of a line depends on the lines before it (W3C's <c>#Fields:</c> header sets the columns of
/// the lines after it). Unlike other parsers it is NOT stateless: give one instance the lines of one source, in
/// order, one at a time (never parse blocks of such a source in parallel), and make a new instance per source
/// (<see cref="LogFormats.CreateParser"/> returns a new one each call). Its header lines come back as
/// <see cref="ParseReasons.Header"/> results, which are metadata, not dead letters.
/// </summary>
public interface IStatefulLogLineParser : ILogLineParser
{
    /// <summary>Forgets what earlier lines said (at the start of a new or rotated file).</summary>
    void Reset();
}
