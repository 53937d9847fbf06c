using NodaTime;

namespace NetWatch.Core.Parsing;

/// <summary>A line that could not become an event: kept whole with where it came from and why.</summary>
public sealed record DeadLetter(string Source, long LineNumber, string Raw, string Reason, string? Detail, Instant ReceivedAt);
