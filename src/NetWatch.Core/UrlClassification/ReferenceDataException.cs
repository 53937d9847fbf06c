namespace NetWatch.Core.UrlClassification;

/// <summary>
/// A reference list (category list, phrase library, ...) that cannot be loaded: which source, which line, what is
/// wrong. Line 0: the problem is the source's as a whole (a folder without categories), printed without a line.
/// </summary>
public sealed class ReferenceDataException(string source, long line, string problem)
    : FormatException(line > 0 ? $"{source}:{line}: {problem}" : $"{source}: {problem}")
{
    public string SourceName { get; } = source;
    public long Line { get; } = line;
    public string Problem { get; } = problem;
}
