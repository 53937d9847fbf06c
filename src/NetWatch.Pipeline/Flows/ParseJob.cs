using System.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Sources;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// A block of lines on its way to the store: the parser for them, the school its events belong to, and (for a
/// checkpointed source) the checkpoint reached once they are stored. <see cref="ResetParser"/> marks the first block
/// of a new (or rotated-in) file, where a stateful parser forgets what earlier lines said. <see cref="ReadAt"/> is a
/// Stopwatch timestamp, for batch latency and for telling whether the store stage is behind (set by a test to a block read
/// long ago).
/// </summary>
public sealed record ParseJob(LineBlock Lines, ILogLineParser Parser, SourceMark? Mark = null, bool ResetParser = false)
{
    public long ReadAt { get; init; } = Stopwatch.GetTimestamp();

    /// <summary>organization.*: stamped on every event of the block (null: none configured).</summary>
    public Organization? School { get; init; }

    /// <summary>
    /// The lines of this source the alerts' read-ahead screened clean (null: none kept): classification skips its
    /// lexical check for those (<see cref="ReadAhead.ScreenedLines"/>).
    /// </summary>
    public ReadAhead.ScreenedLines? Screened { get; init; }
}
