using NetWatch.Pipeline.Sources;

namespace NetWatch.Service.Sources.File;

/// <summary>
/// A file source: <see cref="Path"/> (a '*' in the file name follows every match, each then its own source
/// "name:file"), and its format (else detected from its first lines, when they arrive).
/// </summary>
public sealed record FileSourceSettings(string Name, string Path, string? Format) : SourceSettings(Name, FileSourceKind.TypeName)
{
    /// <summary>
    /// Read the file whole from its start, plain or gzip-compressed, without a checkpoint (<c>import</c>: importing a
    /// file again finds its events already stored); otherwise it is followed from its committed checkpoint.
    /// </summary>
    public bool Whole { get; init; }

    /// <summary>Bytes read so far (for import's progress bar).</summary>
    public ByteCounter BytesRead { get; } = new();

    /// <summary>A whole gzip file whose compressed stream ended early: the lines read before (set at its end).</summary>
    public long? CompressedEndsEarlyAfterLines { get; set; }
}
