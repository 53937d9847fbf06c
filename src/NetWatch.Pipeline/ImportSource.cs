using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Sources;

namespace NetWatch.Pipeline;

/// <summary>One file to import, the parser for its format, and a counter of bytes read for progress.</summary>
public sealed record ImportSource(string Path, ILogLineParser Parser)
{
    public ByteCounter BytesRead { get; } = new();
    public long Length { get; } = new FileInfo(Path).Length;
}
