using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NetWatch.Pipeline.Observers.Spill;
using NodaTime;

namespace NetWatch.Pipeline.Tests.Observers.Spill;

/// <summary>The evicted visits' spill (<see cref="EvictedVisits"/>): a visit comes back as it was evicted, with its requests,
/// once; a key evicted twice comes back as last evicted; a generation dropped forgets its visits and deletes its file; a
/// run's files are deleted when it ends, and files left by a crashed run when the next one starts.</summary>
public sealed class EvictedVisitsTests : IDisposable
{
    private static readonly Duration Gap = Duration.FromMinutes(5);
    private static readonly Instant Noon = Instant.FromUtc(2024, 1, 15, 12, 0);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"netwatch-evicted-tests-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    internal static Visit VisitOf(string person, string domain, Instant start, Instant end, int count = 1) => new()
    {
        Person = person, Role = "student", Domain = domain, Start = start, End = end, EventCount = count,
        Categories = ["news", "social"], Verdict = "personal-break", PolicyName = "p1",
        FirstEventId = EventIdentity.Compute("test", count, person + domain),
        PersonalTime = [new PersonalSpan(start, end, InWorkingHours: false)],
    };

    private static string Render(EvictedVisit e) =>
        $"{e.Visit.Person} {e.Visit.Role} {e.Visit.Domain} {e.Visit.Start} {e.Visit.End} {e.Visit.EventCount} [{string.Join(",", e.Visit.Categories)}] "
        + $"{e.Visit.Verdict} {e.Visit.PolicyName} {e.Visit.FirstEventId} {string.Join(";", e.Visit.PersonalTime)} "
        + (e.Requests is null ? "null" : string.Join(",", e.Requests));

    private string[] SpillFiles() => Directory.Exists(_directory) ? Directory.GetFiles(_directory, EvictedVisits.FilePattern) : [];

    [Fact]
    public void A_visit_evicted_comes_back_once_as_it_was_with_its_requests()
    {
        using var evicted = new EvictedVisits(Gap, _directory);
        var visit = VisitOf("a", "example.com", Noon, Noon + Duration.FromMinutes(1), count: 3);
        long[] requests = [1, 2, 3];
        evicted.Add(new EvictedVisit(visit, requests));
        evicted.Add(new EvictedVisit(VisitOf("b", "example.com", Noon, Noon + Duration.FromMinutes(1)), null));
        var back = evicted.Take("a", "example.com");
        Assert.NotNull(back);
        Assert.Equal(Render(new EvictedVisit(visit, requests)), Render(back.Value));
        Assert.Null(evicted.Take("a", "example.com"));
        Assert.Null(evicted.Take("a", "example.org"));
        Assert.Null(Assert.NotNull(evicted.Take("b", "example.com")).Requests);
    }

    /// <summary>The reload asks for visits that end at or after the watermark less the gap: one that ends before is idle, is not
    /// given back, and is dropped (a later call, whose bound is no earlier, would not want it either).</summary>
    [Fact]
    public void A_visit_that_ends_before_the_bound_is_not_given_back_and_is_dropped()
    {
        using var evicted = new EvictedVisits(Gap, _directory);
        var end = Noon + Duration.FromMinutes(1) + Duration.FromTicks(7);   // the record keeps whole microseconds: 0.7 us less
        evicted.Add(new EvictedVisit(VisitOf("a", "example.com", Noon, end), null));
        evicted.Add(new EvictedVisit(VisitOf("b", "example.com", Noon, end), null));
        Assert.Null(evicted.Take("a", "example.com", end));
        Assert.Null(evicted.Take("a", "example.com", Noon));
        Assert.NotNull(evicted.Take("b", "example.com", end - Duration.FromTicks(7)));
    }

    [Fact]
    public void A_key_evicted_twice_comes_back_as_last_evicted_even_from_another_generation()
    {
        using var evicted = new EvictedVisits(Gap, _directory);
        evicted.Add(new EvictedVisit(VisitOf("a", "example.com", Noon, Noon + Duration.FromMinutes(1), count: 1), [7]));
        // Back, grown into the next generation (its end a gap later), and evicted again.
        var later = VisitOf("a", "example.com", Noon, Noon + Duration.FromMinutes(6), count: 2);
        evicted.Add(new EvictedVisit(later, null));
        Assert.Equal(Render(new EvictedVisit(later, null)), Render(evicted.Take("a", "example.com")!.Value));
        Assert.Null(evicted.Take("a", "example.com"));
    }

    [Fact]
    public void A_generation_expired_forgets_its_visits_and_deletes_its_file()
    {
        var evicted = new EvictedVisits(Gap, _directory);
        evicted.Add(new EvictedVisit(VisitOf("a", "example.com", Noon, Noon + Duration.FromMinutes(1)), null));
        Assert.Single(SpillFiles());
        evicted.Expire(Noon + Duration.FromMinutes(6));
        Assert.False(evicted.IsEmpty); // still within a gap of a possible end of its generation
        evicted.Expire(Noon + Duration.FromMinutes(11));
        Assert.True(evicted.IsEmpty);
        Assert.Empty(SpillFiles());
        Assert.Null(evicted.Take("a", "example.com"));
        // A later generation has its own file, gone with the run.
        evicted.Add(new EvictedVisit(VisitOf("b", "example.org", Noon + Duration.FromMinutes(10), Noon + Duration.FromMinutes(11)), null));
        Assert.Single(SpillFiles());
        evicted.Dispose();
        Assert.Empty(SpillFiles());
    }

    [Fact]
    public void Files_a_crashed_run_left_are_deleted_by_the_next()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "visits-123-abc.spill"), "left by a crash");
        using var evicted = new EvictedVisits(Gap, _directory);
        Assert.Empty(SpillFiles());
    }

    [Fact]
    public void Many_visits_and_one_larger_than_the_write_buffer_come_back_from_the_file()
    {
        using var evicted = new EvictedVisits(Gap, _directory);
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < 3000; i++)
        {
            var visit = VisitOf($"p{i}", "example.com", Noon, Noon + Duration.FromSeconds(i % 60), count: i + 1);
            long[]? requests = i == 1234 ? Enumerable.Range(0, 20_000).Select(k => (long)k * 4 + 1).ToArray() : i % 3 == 0 ? [i, i + 1] : null;
            evicted.Add(new EvictedVisit(visit, requests));
            expected[visit.Person] = Render(new EvictedVisit(visit, requests));
        }
        Assert.True(evicted.SpillBytes > 1 << 16);
        foreach (var (person, rendered) in expected)
            Assert.Equal(rendered, Render(evicted.Take(person, "example.com")!.Value));
    }
}
