using NodaTime;

namespace NetWatch.Storage.Search;

/// <summary>Which events a query selects: a half-open time range [From, To) and/or one attributed user.</summary>
public sealed record EventFilter(Instant? From = null, Instant? To = null, string? UserName = null);
