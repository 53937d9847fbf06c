using NodaTime;

namespace NetWatch.Core.Events;

/// <summary>
/// An event's start and end where NetEvent cannot derive them from @timestamp and the duration (null: derived or none),
/// kept out of line in <see cref="RarelySetFields"/>: a proxy's events never need it.
/// </summary>
internal readonly record struct StartEnd(Instant? Start, Instant? End);
