using NetWatch.Storage.Contracts.Retention;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests.Contracts;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Retention_deletes_the_records_of_one_kind_older_than_the_instant_and_counts_them()
    {
        var cut = TestEvents.Base + Duration.FromDays(30);
        var old = TestEvents.Base;
        var young = cut + Duration.FromHours(1);
        var oldEvents = new[] { TestEvents.Minimal(1, at: old), TestEvents.Minimal(2, at: cut - Duration.FromSeconds(1)) };
        var youngEvents = new[] { TestEvents.Minimal(3, at: cut), TestEvents.Minimal(4, at: young) };
        await WriteAsync([.. oldEvents, .. youngEvents]);
        using (var session = Store.Writer.Begin())
        {
            await session.WriteFindingsAsync([Finding("old", 1, old), Finding("young", 1, young)], None);
            await session.WriteVisitsAsync([Visit(oldEvents[0], 2), Visit(oldEvents[1], 2), Visit(youngEvents[1], 2)], None);
            await session.WriteDeadLettersAsync([DeadLetter(10, old), DeadLetter(11, young)], None);
            await session.CommitAsync(None);
        }

        Assert.Equal(2, await Store.Retention.DeleteOlderThanAsync(RecordKind.Events, cut, None));
        Assert.Equal([3L, 4], Lines(await SearchAllAsync(new EventQuery { Findings = false })));
        Assert.Equal(2, await Store.Search.CountAsync(new EventQuery { Findings = true }, None));   // findings are a kind of their own

        Assert.Equal(1, await Store.Retention.DeleteOlderThanAsync(RecordKind.Findings, cut, None));
        Assert.Equal("young", Assert.Single(await SearchAllAsync(new EventQuery { Findings = true })).Finding!.Description);

        Assert.Equal(2, await Store.Retention.DeleteOlderThanAsync(RecordKind.Visits, cut, None));
        Assert.Equal(youngEvents[1].Id, Assert.Single(await Store.Search.VisitsAsync(null, null, null, None)).FirstEventId);

        Assert.Equal(1, await Store.Retention.DeleteOlderThanAsync(RecordKind.DeadLetters, cut, None));
        Assert.Equal(11, Assert.Single(await ToListAsync(Store.Search.DeadLettersAsync(None))).LineNumber);

        Assert.Equal(0, await Store.Retention.DeleteOlderThanAsync(RecordKind.Events, cut, None));
        Assert.Equal(3, await Store.Search.CountAsync(EventQuery.All, None));
    }
}
