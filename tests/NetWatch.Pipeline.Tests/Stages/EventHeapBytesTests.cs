using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Squid;
using NetWatch.Core.Policy.Engine;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Reference;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NetWatch.Tests.Shared;
using NodaTime;
using Xunit.Abstractions;

namespace NetWatch.Pipeline.Tests.Stages;

/// <summary>Alone, after the tests run in parallel: what the heap holds is measured, and another test's allocations would count.</summary>
[CollectionDefinition(nameof(HeapMeasured), DisableParallelization = true)]
public sealed class HeapMeasured;

/// <summary>
/// The live service's memory plan counts the batches in flight and the side file's hold at
/// <see cref="MemoryBudget.HeapBytesPerEvent"/> an event (<see cref="LiveMemoryPlan"/>): an event as parsed and enriched,
/// with everything it keeps, must not hold more. Measured on the sample school day parsed in blocks as the pipeline reads
/// them, enriched with attribution (the sample people and devices), the shipped lists and the local authority's policy,
/// every batch kept, as the store stage and the side file keep them.
/// </summary>
[Collection(nameof(HeapMeasured))]
public sealed class EventHeapBytesTests(ITestOutputHelper output)
{
    private static string Sample(params string[] path) => RepoFiles.Path(["samples", .. path]);

    private static readonly string[] Feeds = ["dhcpd.leases", "dhcpd-syslog.log", "DhcpSrvLog-Sun.log", "radacct-detail-20261122", "logons-nxlog.json"];

    private static EnrichStage Enrich()
    {
        var index = AttributionFiles.LoadIndex(Sample("attribution", "directory.csv"), Sample("attribution", "devices.csv"),
            Feeds.Select(f => Sample("attribution", f)));
        var categorizer = CategoryListLoader.Load([RepoFiles.Path("data", "ut1"), RepoFiles.Path("data", "lists", "school-example")]);
        var policy = PolicyFileLoader.Load(RepoFiles.Path("policies", "000-local-authority.yaml")).Policy!;
        return new EnrichStage(
        [
            new("attribution", [], [], new Core.Identity.AttributionEnricher(index)),
            new("classification", [], [], new ClassificationEnricher(categorizer)),
            new("policy", [], [], new PolicyEngine(policy)),
        ]);
    }

    /// <summary>The sample day's batches, parsed in blocks of the reader's size (small blocks: the day is 3,797 lines) and enriched.</summary>
    private static List<EventBatch> Day(EnrichStage enrich)
    {
        var batches = new List<EventBatch>();
        using var reader = new LineBlockReader(new StreamReader(Sample("day", "squid-2026-11-24.log")), "day", blockChars: 1 << 15);
        while (reader.Read() is { } block)
            batches.Add(enrich.Enrich(new ParseStage(new SquidNativeParser(), SystemClock.Instance).Parse(block)).Batch);
        return batches;
    }

    [Fact]
    public void An_enriched_event_holds_no_more_than_the_plan_counts_it_at()
    {
        var enrich = Enrich();
        Day(enrich); // the lists', the policy's and the parser's first-use state, which is not the events'
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var kept = new List<EventBatch>();
        for (var i = 0; i < 10; i++) kept.AddRange(Day(enrich));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var events = kept.Sum(b => b.Events.Count);
        var perEvent = (after - before) / (double)events;
        output.WriteLine($"{events} events, {after - before} bytes held: {perEvent:F0} an event");
        Assert.True(events > 30_000, $"{events} events");
        // Attribution named people: the events hold what the live service's would.
        Assert.Contains(kept.SelectMany(b => b.Events), e => e.UserName is not null && e.Classification is { Categories.Count: > 0 });
        Assert.True(perEvent <= MemoryBudget.HeapBytesPerEvent, $"{perEvent:F0} bytes an event held, the plan counts {MemoryBudget.HeapBytesPerEvent}");
        GC.KeepAlive(kept);
        GC.KeepAlive(enrich);
    }
}
