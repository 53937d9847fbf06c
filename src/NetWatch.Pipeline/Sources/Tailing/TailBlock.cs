using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Sources.Tailing;

/// <summary>Whole lines read from a followed file, and the position reached once they are stored.</summary>
public sealed record TailBlock(LineBlock Lines, SourcePosition Position);
