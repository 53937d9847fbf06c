using NodaTime;

namespace NetWatch.Storage;

/// <summary>One row of the imports audit table: what one run loaded from one source.</summary>
public sealed record ImportRecord(
    string Source, string? Format, Instant StartedAt, Instant FinishedAt,
    long LinesRead, long EventsStored, long Duplicates, long DeadLetters);
