using FsCheck.Xunit;
using NetWatch.Core.Events;

namespace NetWatch.Core.Tests.Ecs;

public class EventIdentityTests
{
    [Property]
    public bool The_same_line_at_the_same_position_has_the_same_id(string line, long number) =>
        EventIdentity.Compute("squid-native", number, line ?? "") == EventIdentity.Compute("squid-native", number, line ?? "");

    [Property]
    public bool The_same_line_at_another_position_has_another_id(string line, long number) =>
        number == long.MaxValue
        || EventIdentity.Compute("squid-native", number, line ?? "") != EventIdentity.Compute("squid-native", number + 1, line ?? "");

    [Property]
    public bool Ids_survive_the_guid_round_trip(ulong hi, ulong lo)
    {
        var id = new EventId(new UInt128(hi, lo));
        return EventId.FromGuid(id.ToGuid()) == id && EventId.TryParse(id.ToString(), out var parsed) && parsed == id;
    }
}
