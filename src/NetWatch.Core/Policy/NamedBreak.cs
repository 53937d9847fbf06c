namespace NetWatch.Core.Policy;

/// <summary>A break inside working hours, e.g. "lunch" 12:20-13:05.</summary>
public sealed record NamedBreak(string Name, ClockInterval Interval);
