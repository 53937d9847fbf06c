namespace NetWatch.Core.UrlClassification;

/// <summary>A reference list (category list, phrase library, ...) that cannot be loaded: which source, which line, what is wrong.</summary>
public sealed class ReferenceDataException(string source, long line, string problem)
    : FormatException($"{source}:{line}: {problem}")
{
    public string SourceName { get; } = source;
    public long Line { get; } = line;
    public string Problem { get; } = problem;
}
