using NetWatch.Storage.Contracts.Audit;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests.Contracts;

/// <summary>How a test changes the audit log behind the contracts' back (what someone with the store's files could do).</summary>
public enum AuditTampering { ChangeRecord, RemoveRecord, RemoveLastRecord, InsertRecord }

public abstract partial class StoreContractTests
{
    /// <summary>Changes the stored audit log without the contracts, e.g. plain SQL on the database file.</summary>
    protected abstract Task TamperAsync(AuditTampering how, long sequence);

    private static AuditRecord Audit(int minute, string actor, string action, string? purpose = null) => new()
    {
        At = TestEvents.Base + Duration.FromMinutes(minute), Actor = actor, Action = action, Purpose = purpose,
        Query = "{\"person\":\"j.smith\"}", School = "urn-100001", Rows = minute,
    };

    private async Task AppendFiveAsync()
    {
        for (var i = 1; i <= 5; i++)
            Assert.Equal(i, await Store.Audit.AppendAsync(Audit(i, i % 2 == 0 ? "dsl" : "slt", i == 3 ? "events.export" : "events.search", "concern"), None));
    }

    [Fact]
    public async Task Audit_records_are_read_back_in_sequence_as_appended()
    {
        await AppendFiveAsync();
        var records = await Reopen().Audit.ReadAsync(new AuditQuery(), None);
        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.Sequence));
        Assert.Equal(Audit(2, "dsl", "events.search", "concern"), records[1].Record);
        Assert.Null(await Store.Audit.VerifyAsync(None));
    }

    [Fact]
    public async Task Audit_records_are_filtered_by_time_actor_and_action()
    {
        await AppendFiveAsync();
        Assert.Equal([2L, 3], (await Store.Audit.ReadAsync(new AuditQuery(From: TestEvents.Base + Duration.FromMinutes(2), To: TestEvents.Base + Duration.FromMinutes(4)), None)).Select(r => r.Sequence));
        Assert.Equal([2L, 4], (await Store.Audit.ReadAsync(new AuditQuery(Actor: "dsl"), None)).Select(r => r.Sequence));
        Assert.Equal([3L], (await Store.Audit.ReadAsync(new AuditQuery(Action: "events.export"), None)).Select(r => r.Sequence));
        Assert.Equal([1L, 5], (await Store.Audit.ReadAsync(new AuditQuery(Actor: "slt", Action: "events.search"), None)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task An_empty_audit_log_verifies()
    {
        Assert.Null(await Store.Audit.VerifyAsync(None));
        Assert.Empty(await Store.Audit.ReadAsync(new AuditQuery(), None));
    }

    [Theory]
    [InlineData(AuditTampering.ChangeRecord, 3, 3)]
    [InlineData(AuditTampering.ChangeRecord, 1, 1)]
    [InlineData(AuditTampering.RemoveRecord, 2, 2)]
    [InlineData(AuditTampering.RemoveLastRecord, 5, 5)]
    [InlineData(AuditTampering.InsertRecord, 6, 6)]
    public async Task A_change_to_the_audit_log_behind_the_contracts_back_is_detected_at_the_first_record_it_touched(AuditTampering how, long sequence, long detected)
    {
        await AppendFiveAsync();
        Assert.Null(await Store.Audit.VerifyAsync(None));
        await TamperAsync(how, sequence);
        Assert.Equal(detected, await Reopen().Audit.VerifyAsync(None));
    }
}
