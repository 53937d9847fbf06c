using System.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Sources;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// A block of lines on its way to the store: the parser for them, and (for a live source) the position reached
/// once they are stored. <see cref="ResetParser"/> marks the first block of a new (or rotated-in) file, where a
/// stateful parser forgets what earlier lines said. <see cref="ReadAt"/> is a Stopwatch timestamp, for batch latency.
/// </summary>
public sealed record ParseJob(LineBlock Lines, ILogLineParser Parser, SourcePosition? Position = null, bool ResetParser = false)
{
    public long ReadAt { get; } = Stopwatch.GetTimestamp();
}
