using System.Runtime.CompilerServices;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// organization.* (the source's school) and event.ingested, set on the events a parser has just made for a block, in
/// place. A copy per event (<c>e with { ... }</c>) cost 3% of an import's CPU samples and as much again in the garbage
/// collector (every copy of a ~0.5 KB record outlives a gen0 collection, as the batch waits for the store). In place is
/// safe here, and only here: a parser makes a new event per line, and no one else holds these until the batch goes on.
/// </summary>
internal static class IngestStamp
{
    public static void Apply(IReadOnlyList<NetEvent> events, Organization? school, Instant ingested)
    {
        foreach (var e in events)
        {
            SetOrganization(e, school);
            SetIngested(e, ingested);
        }
    }

    // The init accessors of NetEvent's properties, called as methods (UnsafeAccessor binds to them by name and signature).
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Organization")]
    private static extern void SetOrganization(NetEvent e, Organization? value);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Ingested")]
    private static extern void SetIngested(NetEvent e, Instant? value);
}
