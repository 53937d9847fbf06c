using System.Text;
using System.Text.Json;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage;
using NetWatch.Storage.Search;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests;

public sealed class EventStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void An_event_with_every_field_reads_back_identical()
    {
        var original = TestEvents.Full();
        using var store = EventStore.Open(_dir.Path);
        store.Write([original], []);

        var read = Assert.Single(store.Queries.Events(new EventFilter()));

        Assert.Equal(Ecs(original), Ecs(read));
        Assert.Equal(original.Id, read.Id);
        Assert.Equal(original.Duration, read.Duration);
    }

    [Fact]
    public void Writing_the_same_events_again_stores_nothing_new()
    {
        var batch = Enumerable.Range(1, 500).Select(i => TestEvents.Minimal(i)).ToList();
        using var store = EventStore.Open(_dir.Path);

        Assert.Equal(500, store.Write(batch, []));
        Assert.Equal(0, store.Write(batch, []));
        Assert.Equal(10, store.Write(batch.Take(10).Select(e => e with { Id = new EventId(e.Id.Value + 1_000_000) }).ToList(), []));
        Assert.Equal(510, store.Queries.CountEvents());
    }

    [Fact]
    public void Replacing_writes_the_latest_version_of_each_id_once()
    {
        var first = Enumerable.Range(1, 3).Select(i => TestEvents.Minimal(i) with { ResponseBytes = 1 }).ToList();
        using var store = EventStore.Open(_dir.Path);
        Assert.Equal(3, store.Replace(first));

        // Two versions of event 2 in one write (two flushes joined): the later one stands.
        List<NetEvent> grown = [first[1] with { ResponseBytes = 5 }, first[1] with { ResponseBytes = 7 }, TestEvents.Minimal(4)];
        Assert.Equal(1, store.Replace(grown));

        var stored = store.Queries.Events(new EventFilter()).ToList();
        Assert.Equal(4, stored.Count);
        Assert.Equal([1L, 7L, 1L, TestEvents.Minimal(4).ResponseBytes], stored.OrderBy(e => e.Origin.LineNumber).Select(e => e.ResponseBytes));
    }

    [Fact]
    public void A_store_reopened_keeps_its_events_and_still_refuses_duplicates()
    {
        var batch = Enumerable.Range(1, 20).Select(i => TestEvents.Minimal(i)).ToList();
        using (var store = EventStore.Open(_dir.Path)) store.Write(batch, []);
        using (var store = EventStore.Open(_dir.Path))
        {
            Assert.Equal(0, store.Write(batch, []));
            Assert.Equal(20, store.Queries.CountEvents());
        }
    }

    [Fact]
    public void Events_come_back_in_timestamp_then_source_order_and_filters_apply()
    {
        var t = TestEvents.Base;
        var events = new[]
        {
            TestEvents.Minimal(3, t + Duration.FromMinutes(2), "j.smith", "b.log"),
            TestEvents.Minimal(2, t + Duration.FromMinutes(1), "p.jones", "b.log"),
            TestEvents.Minimal(1, t + Duration.FromMinutes(1), "J.Smith", "a.log"),
            TestEvents.Minimal(9, t, "j.smith", "a.log"),
        };
        using var store = EventStore.Open(_dir.Path);
        store.Write(events, []);

        var all = store.Queries.Events(new EventFilter()).Select(e => (e.Origin.Source, e.Origin.LineNumber)).ToList();
        Assert.Equal([("a.log", 9L), ("a.log", 1L), ("b.log", 2L), ("b.log", 3L)], all);

        var window = store.Queries.Events(new EventFilter(t + Duration.FromMinutes(1), t + Duration.FromMinutes(2)));
        Assert.Equal([1L, 2L], window.Select(e => e.Origin.LineNumber));

        var smith = store.Queries.Events(new EventFilter(UserName: "j.SMITH"));
        Assert.Equal([9L, 1L, 3L], smith.Select(e => e.Origin.LineNumber));
    }

    [Fact]
    public void Dead_letters_are_kept_whole_and_not_repeated_on_reimport()
    {
        var at = TestEvents.Base;
        var dead = new[]
        {
            new DeadLetter("access.log", 7, "garbage \"line\"\twith tab", "field-count", "expected 10 fields, found 3", at),
            new DeadLetter("access.log", 3, "", "empty-line", null, at),
        };
        using var store = EventStore.Open(_dir.Path);
        store.Write([], dead);
        store.Write([], dead);

        var listed = store.Queries.DeadLetters().ToList();
        Assert.Equal([3L, 7L], listed.Select(d => d.LineNumber));
        Assert.Equal(dead[0], listed[1]);
    }

    [Fact]
    public void Summary_counts_actions_users_domains_and_dead_letters()
    {
        using var store = EventStore.Open(_dir.Path);
        store.Write([TestEvents.Minimal(1, user: "a"), TestEvents.Minimal(2, user: "a"), TestEvents.Minimal(3)],
            [new DeadLetter("x.log", 1, "?", "bad-timestamp", null, TestEvents.Base)]);

        var s = store.Queries.Summary();

        Assert.Equal(3, s.Events);
        Assert.Equal(("a", 2L, 203L), s.TopUsers[0]);
        Assert.Equal(("(unattributed)", 1L, 103L), s.TopUsers[1]);
        Assert.Equal([("allowed", 3L)], s.ByAction);
        Assert.Equal([("bad-timestamp", 1L)], s.DeadLettersByReason);
    }

    [Fact]
    public void Summary_counts_page_views_and_keeps_dns_look_ups_and_firewall_sessions_apart()
    {
        using var store = EventStore.Open(_dir.Path);
        var prohibited = new PolicyDecision { Verdict = "prohibited", PolicyName = "p" };
        var request = TestEvents.Minimal(1, user: "y7.ahmed") with { Policy = prohibited };
        var lookup = TestEvents.Minimal(2, user: "y7.ahmed") with { Action = EventActions.DnsQuery, Dataset = "dnsmasq.log", Policy = prohibited };
        var session = TestEvents.Minimal(3) with { Url = UrlParts.Empty, Dataset = "pfsense.log" };
        store.Write([request, lookup, session], []);

        var s = store.Queries.Summary();

        Assert.Equal(3, s.Events);
        Assert.Equal([("dns-look-up", 1L), ("firewall-session", 1L), ("page-view", 1L)], s.ByKind.OrderBy(k => k.Name));
        Assert.Equal([("prohibited", 1L)], s.ByVerdict);          // the look-up of the same site is not a second visit
        Assert.Equal([("prohibited", 1L)], s.LookupsByVerdict);
        Assert.Equal([("y7.ahmed", 1L, 101L)], s.TopUsers);
        Assert.Equal("www.example.com", Assert.Single(s.TopDomains).Name);
    }

    private static string Ecs(NetEvent e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) EcsJsonWriter.Write(w, e);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Dispose() => _dir.Dispose();
}
