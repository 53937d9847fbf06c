using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Service.Sources.File;

/// <summary>
/// A followed file's checkpoint: its <see cref="SourcePosition"/> (file identity, byte offset after the last line
/// stored, line number from the file's start, path and fingerprint), as <see cref="SourcePositionText"/> JSON. A
/// store written before checkpoints hands its positions back in the same text (kind <see cref="SourcePositionText.Kind"/>).
/// </summary>
public static class FileCheckpoint
{
    public static Checkpoint ToCheckpoint(SourcePosition p) => new(p.Source, FileSourceKind.TypeName, SourcePositionText.Write(p));

    /// <summary>The position in a checkpoint of this kind (null: none, or another kind's).</summary>
    public static SourcePosition? FromCheckpoint(Checkpoint? c) =>
        c is not null && c.Kind is FileSourceKind.TypeName or SourcePositionText.Kind ? SourcePositionText.TryRead(c.Position) : null;
}
