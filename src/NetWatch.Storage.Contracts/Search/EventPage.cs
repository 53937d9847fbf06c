using NetWatch.Core.Events;

namespace NetWatch.Storage.Contracts.Search;

/// <summary>One page of a search in @timestamp order, and the cursor of the next page (null on the last).</summary>
public sealed record EventPage(IReadOnlyList<NetEvent> Events, EventCursor? Next);
