using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests.Contracts;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task A_write_returns_the_events_stored_for_the_first_time_and_not_those_stored_before()
    {
        var first = await WriteAsync(TestEvents.Minimal(1), TestEvents.Minimal(2));
        Assert.Equal([1L, 2L], Lines(first.New));
        Assert.Empty(first.Rejected);

        var second = await WriteAsync(TestEvents.Minimal(2), TestEvents.Minimal(3), TestEvents.Minimal(1));
        Assert.Equal([3L], Lines(second.New));
        Assert.Empty(second.Rejected);
        Assert.Equal(3, await Store.Search.CountAsync(EventQuery.All, None));
    }

    [Fact]
    public async Task A_store_reopened_keeps_its_events_and_still_refuses_duplicates()
    {
        var batch = Enumerable.Range(1, 20).Select(i => TestEvents.Minimal(i)).ToArray();
        Assert.Equal(20, (await WriteAsync(batch)).New.Count);
        Reopen();
        Assert.Empty((await WriteAsync(batch)).New);
        Assert.Equal(20, await Store.Search.CountAsync(EventQuery.All, None));
    }

    [Fact]
    public async Task An_event_twice_in_one_batch_is_new_once_and_stored_once()
    {
        var result = await WriteAsync(TestEvents.Minimal(1), TestEvents.Minimal(1), TestEvents.Minimal(2));
        Assert.Equal([1L, 2L], Lines(result.New));
        Assert.Equal(2, await Store.Search.CountAsync(EventQuery.All, None));
    }

    [Fact]
    public async Task A_batch_of_many_chunks_of_ids_stores_only_those_not_stored_before_wherever_they_fall()
    {
        // More ids than a DuckDB chunk holds (2,048), stored ones in every chunk of the batch and the last one partial:
        // the batch's ids are all read by the dedupe, not only its first chunk's.
        var odd = Enumerable.Range(0, 3_500).Select(i => TestEvents.Minimal(2 * i + 1)).ToArray();
        Assert.Equal(3_500, (await WriteAsync(odd)).New.Count);
        var all = Enumerable.Range(1, 7_000).Select(i => TestEvents.Minimal(i)).ToArray();
        var second = await WriteAsync(all);
        Assert.Equal(Enumerable.Range(1, 3_500).Select(i => 2L * i), Lines(second.New));
        Assert.Empty((await WriteAsync(all)).New); // a re-import adds nothing
        Assert.Equal(7_000, await Store.Search.CountAsync(EventQuery.All, None));
    }

    [Fact]
    public async Task An_event_at_the_stored_events_newest_time_or_before_it_is_known_even_at_a_finer_time_than_stored()
    {
        // Times finer than a microsecond are stored to the microsecond: the newest event's copy is still known, in the
        // session after the one that stored it, after a reopen, and with newer events in its batch.
        var older = TestEvents.Minimal(1, at: TestEvents.Base);
        var fine = TestEvents.Minimal(3, at: TestEvents.Base + Duration.FromNanoseconds(1_999));
        Assert.Equal(2, (await WriteAsync(older, fine)).New.Count);
        Assert.Empty((await WriteAsync(fine)).New);
        Reopen();
        Assert.Empty((await WriteAsync(fine, older)).New);
        Assert.Equal([5L], Lines((await WriteAsync(fine, TestEvents.Minimal(5), older)).New));
        Assert.Equal(3, await Store.Search.CountAsync(EventQuery.All, None));
    }

    [Fact]
    public async Task Events_of_a_session_rolled_back_are_new_to_the_next_and_those_before_still_known()
    {
        Assert.Single((await WriteAsync(TestEvents.Minimal(1))).New);
        using (var session = Store.Writer.Begin())
            Assert.Equal(2, (await session.WriteEventsAsync([TestEvents.Minimal(8), TestEvents.Minimal(9)], None)).New.Count);
        Assert.Equal([8L, 9L], Lines((await WriteAsync(TestEvents.Minimal(1), TestEvents.Minimal(8), TestEvents.Minimal(9))).New));
        Assert.Equal(3, await Store.Search.CountAsync(EventQuery.All, None));
    }

    [Fact]
    public async Task Findings_of_many_chunks_written_again_replace_each_stored_one_once()
    {
        var findings = Enumerable.Range(1, 5_000).Select(i => Finding("f" + i, 1, TestEvents.Base + Duration.FromSeconds(i))).ToArray();
        using (var session = Store.Writer.Begin())
        {
            await session.WriteFindingsAsync(findings, None);
            await session.CommitAsync(None);
        }
        using (var session = Store.Writer.Begin())
        {
            await session.WriteFindingsAsync(Enumerable.Range(1, 5_000).Select(i => Finding("f" + i, 7, TestEvents.Base + Duration.FromSeconds(i))).ToArray(), None);
            await session.CommitAsync(None);
        }
        var stored = await SearchAllAsync(new EventQuery { Findings = true });
        Assert.Equal(5_000, stored.Count);
        Assert.All(stored, f => Assert.Equal(7, f.Finding!.EventCount));
    }

    [Fact]
    public async Task An_event_the_store_cannot_take_is_rejected_with_its_reason_and_the_rest_of_the_batch_is_stored()
    {
        var broken = TestEvents.Minimal(2) with { Action = null! };
        var result = await WriteAsync(TestEvents.Minimal(1), broken, TestEvents.Minimal(3));
        Assert.Equal([1L, 3L], Lines(result.New));
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(broken.Id, rejected.Event.Id);
        Assert.Contains("event.action", rejected.Reason);
        Assert.Equal(2, await Store.Search.CountAsync(EventQuery.All, None));
        Assert.Null(await Store.Search.GetAsync(broken.Id, None));
    }

    [Fact]
    public async Task A_stored_event_reads_back_equal_to_what_was_written()
    {
        var full = TestEvents.Full(7);
        await WriteAsync(full);
        var read = await Store.Search.GetAsync(full.Id, None);
        Assert.NotNull(read);
        Assert.Equal(Ecs(full), Ecs(read));
    }

    [Fact]
    public async Task A_session_disposed_without_commit_leaves_nothing()
    {
        if (!RollsBackUncommittedSessions) return;
        using (var session = Store.Writer.Begin())
        {
            var result = await session.WriteEventsAsync([TestEvents.Minimal(1), TestEvents.Minimal(2)], None);
            Assert.Equal(2, result.New.Count);
            await session.WriteDeadLettersAsync([DeadLetter(5)], None);
            await session.WriteFindingsAsync([Finding("f1", 1)], None);
            await session.WriteVisitsAsync([Visit(TestEvents.Minimal(1), minutes: 3)], None);
            await session.SaveCheckpointAsync(new Checkpoint("proxy", "file", "p1"), new CheckpointTotals(2, 2, 0, 1), None);
        }
        Assert.Equal(0, await Store.Search.CountAsync(EventQuery.All, None));
        Assert.Empty(await Store.Checkpoints.ReadAllAsync(None));
        Assert.Empty(await Store.Search.VisitsAsync(null, null, null, None));
        Assert.Empty(await ToListAsync(Store.Search.DeadLettersAsync(None)));

        // ...and the events it wrote are new to the next session.
        Assert.Equal(2, (await WriteAsync(TestEvents.Minimal(1), TestEvents.Minimal(2))).New.Count);
    }

    [Fact]
    public async Task A_finding_written_again_with_its_id_replaces_the_stored_one()
    {
        using (var session = Store.Writer.Begin())
        {
            await session.WriteFindingsAsync([Finding("f1", 1), Finding("f2", 1)], None);
            await session.CommitAsync(None);
        }
        using (var session = Store.Writer.Begin())
        {
            await session.WriteFindingsAsync([Finding("f1", 5)], None);
            await session.CommitAsync(None);
        }
        var findings = await SearchAllAsync(new EventQuery { Findings = true });
        Assert.Equal(2, findings.Count);
        Assert.Equal(5, findings.Single(f => f.Id == Finding("f1", 0).Id).Finding!.EventCount);
    }

    [Fact]
    public async Task A_visit_written_again_with_its_first_event_replaces_the_stored_one()
    {
        var a = TestEvents.Minimal(1, user: "a");
        var b = TestEvents.Minimal(2, user: "b");
        var personal = new PersonalSpan(b.Timestamp, b.Timestamp + Duration.FromSeconds(30), InWorkingHours: true);
        using (var session = Store.Writer.Begin())
        {
            await session.WriteVisitsAsync([Visit(a, minutes: 2), Visit(b, minutes: 1) with { PersonalTime = [personal] }], None);
            await session.CommitAsync(None);
        }
        using (var session = Store.Writer.Begin())
        {
            await session.WriteVisitsAsync([Visit(a, minutes: 9)], None);
            await session.CommitAsync(None);
        }
        var visits = await Store.Search.VisitsAsync(null, null, null, None);
        Assert.Equal(2, visits.Count);
        Assert.Equal(9, visits.Single(v => v.FirstEventId == a.Id).Duration.TotalMinutes, 6);
        Assert.Empty(visits.Single(v => v.FirstEventId == a.Id).PersonalTime);
        Assert.Equal([personal], visits.Single(v => v.FirstEventId == b.Id).PersonalTime);
        Assert.Equal(["a"], (await Store.Search.VisitsAsync(null, null, "a", None)).Select(v => v.Person));
    }

    [Fact]
    public async Task The_latest_visits_of_keys_are_looked_up_by_person_and_domain_with_the_sessions_own_writes()
    {
        // a: two visits to example.com (the later one is the answer), b: one that ended before the bound, c: not asked for.
        var a1 = TestEvents.Minimal(1, user: "a");
        var a2 = TestEvents.Minimal(600, user: "a");
        var b = TestEvents.Minimal(2, user: "b");
        var c = TestEvents.Minimal(3, user: "c");
        var personal = new PersonalSpan(a2.Timestamp, a2.Timestamp + Duration.FromSeconds(30), InWorkingHours: false);
        using (var session = Store.Writer.Begin())
        {
            await session.WriteVisitsAsync([Visit(a1, minutes: 2), Visit(b, minutes: 1), Visit(c, minutes: 20)], None);
            await session.CommitAsync(None);
        }
        using (var session = Store.Writer.Begin())
        {
            // Written in this session, not committed yet: the look-up sees it.
            await session.WriteVisitsAsync([Visit(a2, minutes: 3, verdict: Core.Policy.Verdicts.PersonalBreak) with { PersonalTime = [personal], EventCount = 4 }], None);
            var bound = TestEvents.Base + Duration.FromMinutes(5);
            var found = await session.LatestVisitsAsync([("a", "www.example.com"), ("b", "www.example.com"), ("A", "www.example.com"), ("a", "other.org")], bound, None);
            var visit = Assert.Single(found);
            Assert.Equal(a2.Id, visit.FirstEventId);
            Assert.Equal(4, visit.EventCount);
            Assert.Equal([personal], visit.PersonalTime);
            Assert.Equal(a2.Timestamp + Duration.FromMinutes(3), visit.End);
            // The bound is inclusive; the temp table of keys is emptied between look-ups.
            Assert.Equal([b.Id], (await session.LatestVisitsAsync([("b", "www.example.com")], b.Timestamp + Duration.FromMinutes(1), None)).Select(v => v.FirstEventId));
            Assert.Empty(await session.LatestVisitsAsync([], bound, None));
            await session.CommitAsync(None);
        }
    }

    [Fact]
    public async Task Of_a_keys_visits_in_bounds_the_look_up_gives_the_one_that_ends_last_whichever_was_stored_first()
    {
        // d: the visit that starts first ends last (d1); f: the one that starts last ends last (f2). d's answer is stored
        // after the other, f's before it: an answer by start, or by the order rows are read, fails one of the two.
        var d1 = TestEvents.Minimal(400, user: "d");
        var d2 = TestEvents.Minimal(600, user: "d");
        var f1 = TestEvents.Minimal(100, user: "f");
        var f2 = TestEvents.Minimal(700, user: "f");
        using (var session = Store.Writer.Begin())
        {
            await session.WriteVisitsAsync([Visit(d2, minutes: 3), Visit(f2, minutes: 2)], None);
            await session.CommitAsync(None);
        }
        using (var session = Store.Writer.Begin())
        {
            await session.WriteVisitsAsync([Visit(d1, minutes: 10), Visit(f1, minutes: 2)], None);
            var found = await session.LatestVisitsAsync([("d", "www.example.com"), ("f", "www.example.com")], TestEvents.Base, None);
            Assert.Equal([d1.Id, f2.Id], found.OrderBy(v => v.Person).Select(v => v.FirstEventId));
            Assert.Equal(d1.Timestamp + Duration.FromMinutes(10), found.Single(v => v.Person == "d").End);
            await session.CommitAsync(None);
        }
    }

    [Fact]
    public async Task Visits_of_a_school_are_those_whose_first_event_is_the_schools()
    {
        var a = TestEvents.Minimal(1, user: "a") with { Organization = new Organization { Id = "urn-1" } };
        var b = TestEvents.Minimal(2, user: "b") with { Organization = new Organization { Id = "urn-2" } };
        await WriteAsync(a, b);
        using (var session = Store.Writer.Begin())
        {
            await session.WriteVisitsAsync([Visit(a, minutes: 2), Visit(b, minutes: 1)], None);
            await session.CommitAsync(None);
        }
        Assert.Equal(["a"], (await Store.Search.VisitsAsync(null, null, null, "urn-1", None)).Select(v => v.Person));
        Assert.Equal(["b"], (await Store.Search.VisitsAsync(null, null, null, "urn-2", None)).Select(v => v.Person));
        Assert.Empty(await Store.Search.VisitsAsync(null, null, null, "urn-3", None));
        Assert.Equal(2, (await Store.Search.VisitsAsync(null, null, null, None)).Count);
    }

    [Fact]
    public async Task A_dead_letter_written_twice_is_stored_once()
    {
        for (var i = 0; i < 2; i++)
        {
            using var session = Store.Writer.Begin();
            await session.WriteDeadLettersAsync([DeadLetter(3), DeadLetter(1)], None);
            await session.CommitAsync(None);
        }
        var stored = await ToListAsync(Store.Search.DeadLettersAsync(None));
        Assert.Equal([1L, 3L], stored.Select(d => d.LineNumber));
        Assert.Equal(DeadLetter(1), stored[0]);
    }

    [Fact]
    public async Task A_dead_letter_twice_in_one_batch_or_one_session_is_stored_once()
    {
        using (var session = Store.Writer.Begin())
        {
            await session.WriteDeadLettersAsync([DeadLetter(2), DeadLetter(2), DeadLetter(4)], None);
            await session.WriteDeadLettersAsync([DeadLetter(4), DeadLetter(6)], None);
            await session.CommitAsync(None);
        }
        Assert.Equal([2L, 4L, 6L], (await ToListAsync(Store.Search.DeadLettersAsync(None))).Select(d => d.LineNumber));
    }

    [Fact]
    public async Task A_dead_letter_is_known_by_its_file_name_line_and_text_not_its_directory()
    {
        using (var session = Store.Writer.Begin())
        {
            await session.WriteDeadLettersAsync([DeadLetter(5) with { Source = "/var/log/squid/a.log" }], None);
            await session.CommitAsync(None);
        }
        using (var session = Store.Writer.Begin())
        {
            // The same line read again from a copy elsewhere: already stored. Another text on that line is another dead letter.
            await session.WriteDeadLettersAsync([DeadLetter(5) with { Source = "/tmp/a.log" }, DeadLetter(5) with { Raw = "other" }], None);
            await session.CommitAsync(None);
        }
        var stored = await ToListAsync(Store.Search.DeadLettersAsync(None));
        Assert.Equal(["/var/log/squid/a.log", "a.log"], stored.Select(d => d.Source));
        Assert.Equal("other", stored[1].Raw);
    }

    [Fact]
    public async Task A_long_batch_of_dead_letters_half_stored_before_stores_the_other_half_once()
    {
        var lines = Enumerable.Range(1, 1500).Select(i => (long)i).ToList();
        using (var session = Store.Writer.Begin())
        {
            await session.WriteDeadLettersAsync(lines.Where(l => l % 2 == 0).Select(l => DeadLetter(l)).ToList(), None);
            await session.CommitAsync(None);
        }
        using (var session = Store.Writer.Begin())
        {
            await session.WriteDeadLettersAsync(lines.Select(l => DeadLetter(l)).ToList(), None);
            await session.CommitAsync(None);
        }
        Assert.Equal(lines, (await ToListAsync(Store.Search.DeadLettersAsync(None))).Select(d => d.LineNumber));
    }

    [Fact]
    public async Task Dead_letters_read_again_after_a_restart_and_a_rolled_back_session_are_stored_once_each()
    {
        using (var session = Store.Writer.Begin())
        {
            await session.WriteDeadLettersAsync([DeadLetter(3), DeadLetter(1)], None);
            await session.CommitAsync(None);
        }
        Reopen();
        using (var rolledBack = Store.Writer.Begin())
            await rolledBack.WriteDeadLettersAsync([DeadLetter(1), DeadLetter(5), DeadLetter(7)], None);
        // The file read again from its start (a re-import, or a restart from before the rolled-back session).
        using (var session = Store.Writer.Begin())
        {
            await session.WriteDeadLettersAsync([DeadLetter(1), DeadLetter(3), DeadLetter(5)], None);
            await session.CommitAsync(None);
        }
        Reopen();
        using (var session = Store.Writer.Begin())
        {
            await session.WriteDeadLettersAsync([DeadLetter(3), DeadLetter(5), DeadLetter(7), DeadLetter(5) with { Source = "/elsewhere/b.log" }], None);
            await session.CommitAsync(None);
        }
        var stored = await ToListAsync(Store.Search.DeadLettersAsync(None));
        Assert.Equal([("/elsewhere/b.log", 5L), ("a.log", 1L), ("a.log", 3L), ("a.log", 5L), ("a.log", 7L)], stored.Select(d => (d.Source, d.LineNumber)));
    }

    [Fact]
    public async Task A_dead_letter_is_kept_whole_quotes_tabs_an_empty_line_and_no_detail_alike()
    {
        var odd = new DeadLetter("access.log", 7, "garbage \"line\"\twith tab", "field-count", "expected 10 fields, found 3", TestEvents.Base);
        var empty = new DeadLetter("access.log", 3, "", "empty-line", null, TestEvents.Base);
        using (var session = Store.Writer.Begin())
        {
            await session.WriteDeadLettersAsync([odd, empty], None);
            await session.CommitAsync(None);
        }
        Assert.Equal([empty, odd], await ToListAsync(Store.Search.DeadLettersAsync(None)));
    }

    protected static DeadLetter DeadLetter(long line, Instant? at = null) =>
        new("a.log", line, $"junk {line}", "field-count", "expected 10 fields", at ?? TestEvents.Base);

    protected static NetEvent Finding(string key, long count, Instant? at = null) => TestEvents.Minimal(0) with
    {
        Id = EventIdentity.Compute("finding", 0, key),
        Origin = new EventOrigin("netwatch:finding", 0),
        Timestamp = at ?? TestEvents.Base,
        Action = FindingKinds.UnattributedVolume,
        Dataset = "netwatch.finding",
        Finding = new Finding { Kind = FindingKinds.UnattributedVolume, Description = key, Start = at ?? TestEvents.Base, EventCount = count },
    };

    internal static Visit Visit(NetEvent first, double minutes, string? verdict = null, string? role = null) => new()
    {
        Person = first.UserName ?? first.SourceIp!,
        Role = role,
        Domain = first.Url.RegisteredDomain ?? first.Url.Domain!,
        Start = first.Timestamp,
        End = first.Timestamp + Duration.FromSeconds(minutes * 60),
        EventCount = 1,
        Categories = first.Classification?.Categories ?? [],
        Verdict = verdict,
        FirstEventId = first.Id,
    };

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }

    private static string Ecs(NetEvent e)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) Core.Ecs.EcsJsonWriter.Write(writer, e);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
