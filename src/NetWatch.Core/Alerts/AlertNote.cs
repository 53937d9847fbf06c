using NodaTime;

namespace NetWatch.Core.Alerts;

/// <summary>A note the DSL or a deputy added while working an alert.</summary>
public sealed record AlertNote(Instant At, string Author, string Text);
