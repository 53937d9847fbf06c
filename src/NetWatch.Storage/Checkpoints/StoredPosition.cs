using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Checkpoints;

/// <summary>A committed source position with the running totals of what that source has stored.</summary>
public sealed record StoredPosition(
    SourcePosition Position, long LinesRead, long EventsStored, long Duplicates, long DeadLetters, Instant UpdatedAt);
