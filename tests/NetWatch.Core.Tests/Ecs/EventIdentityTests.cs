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

public class EventIdentityStabilityTests
{
    [Fact]
    public void Ids_are_the_streamed_xxhash128_of_format_line_number_and_line_and_do_not_change()
    {
        // Stored ids must never change between versions, or a re-import would duplicate everything.
        var hasher = new System.IO.Hashing.XxHash128();
        hasher.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes("squid-native".AsSpan()));
        hasher.Append(BitConverter.GetBytes(42L));
        var line = new string('x', 3000); // longer than the stack buffer
        hasher.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(line.AsSpan()));

        Assert.Equal(new EventId(hasher.GetCurrentHashAsUInt128()), EventIdentity.Compute("squid-native", 42, line));
    }
}
