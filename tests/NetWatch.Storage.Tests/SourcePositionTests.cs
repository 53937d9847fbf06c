using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests;

public sealed class SourcePositionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_batch_and_its_position_are_committed_together_and_read_back_after_reopening()
    {
        using (var store = EventStore.Open(_dir.Path))
        {
            var dead = new DeadLetter("a.log", 3, "junk", "field-count", null, TestEvents.Base);
            Assert.Equal(2, store.Write([TestEvents.Minimal(1), TestEvents.Minimal(2)], [dead],
                new SourcePosition("proxy", "1:2", 300, 3, "a.log", "12:abc"), 3));
            Assert.Equal(1, store.Write([TestEvents.Minimal(2), TestEvents.Minimal(4)], [],
                new SourcePosition("proxy", "1:2", 400, 4, "a.log", "12:abc"), 1));
        }
        using var reopened = EventStore.Open(_dir.Path);
        var p = Assert.Single(reopened.ReadPositions()).Value;
        Assert.Equal(new SourcePosition("proxy", "1:2", 400, 4, "a.log", "12:abc"), p.Position);
        Assert.Equal((4L, 3L, 1L, 1L), (p.LinesRead, p.EventsStored, p.Duplicates, p.DeadLetters));
    }

    [Fact]
    public void A_failed_batch_leaves_the_position_where_it_was()
    {
        using var store = EventStore.Open(_dir.Path);
        store.Write([TestEvents.Minimal(1)], [], new SourcePosition("proxy", "1:2", 100, 1), 1);
        var broken = TestEvents.Minimal(2) with { Url = null! };
        Assert.ThrowsAny<Exception>(() => store.Write([broken], [], new SourcePosition("proxy", "1:2", 200, 2), 1));
        Assert.Equal(100, store.ReadPositions()["proxy"].Position.Offset);
        Assert.Equal(1, store.Queries.Summary(1).Events);
    }

    public void Dispose() => _dir.Dispose();
}
