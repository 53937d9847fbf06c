using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Web.Pages;

/// <summary>Events on a timeline, <see cref="Focus"/> marked (the match being looked at, an alert's evidence).</summary>
public sealed record Timeline(IReadOnlyList<NetEvent> Events, DateTimeZone Zone, IReadOnlyCollection<EventId> Focus);
