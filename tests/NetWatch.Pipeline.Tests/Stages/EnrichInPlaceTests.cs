using System.Text;
using System.Text.Json;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Squid;
using NetWatch.Core.Policy.Engine;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Reference;
using NetWatch.Pipeline.Stages;
using NetWatch.Tests.Shared;

namespace NetWatch.Pipeline.Tests.Stages;

/// <summary>
/// The enrichment stages set their fields on the pipeline's events in place (<see cref="IInPlaceEnricher"/>) rather than
/// replacing each event with a copy per stage: over the sample school day, with the sample people and devices, the
/// shipped lists and the local authority's policy, every event must come out as the copies would have made it (every
/// ECS field), and as the same object the parser made.
/// </summary>
public sealed class EnrichInPlaceTests
{
    private static string Sample(params string[] path) => RepoFiles.Path(["samples", .. path]);

    private static readonly string[] Feeds = ["dhcpd.leases", "dhcpd-syslog.log", "DhcpSrvLog-Sun.log", "radacct-detail-20261122", "logons-nxlog.json"];

    private static IReadOnlyList<EnrichmentStage> Stages()
    {
        var index = AttributionFiles.LoadIndex(Sample("attribution", "directory.csv"), Sample("attribution", "devices.csv"),
            Feeds.Select(f => Sample("attribution", f)));
        var categorizer = CategoryListLoader.Load([RepoFiles.Path("data", "ut1"), RepoFiles.Path("data", "lists", "school-example")]);
        var policy = PolicyFileLoader.Load(RepoFiles.Path("policies", "000-local-authority.yaml")).Policy!;
        return
        [
            new("attribution", [], [], new Core.Identity.AttributionEnricher(index)),
            new("classification", [], [], new ClassificationEnricher(categorizer)),
            new("policy", [], [], new PolicyEngine(policy)),
        ];
    }

    private static List<NetEvent> ParseDay()
    {
        var parser = new SquidNativeParser();
        var events = new List<NetEvent>();
        var number = 0L;
        foreach (var line in File.ReadLines(Sample("day", "squid-2026-11-24.log")))
            if (parser.Parse(line, new EventOrigin("day", ++number)).Event is { } e) events.Add(e);
        return events;
    }

    private static string Ecs(NetEvent e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) EcsJsonWriter.Write(w, e);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void The_sample_day_enriched_in_place_equals_it_enriched_by_copies()
    {
        var stages = Stages();
        Assert.All(stages, s => Assert.IsAssignableFrom<IInPlaceEnricher>(s.Enricher));
        var copies = ParseDay().ToArray();
        foreach (var stage in stages)
            if (stage.Enricher is IBatchEnricher batch) batch.EnrichBatch(copies);
            else for (var i = 0; i < copies.Length; i++) copies[i] = stage.Enricher.Enrich(copies[i]);

        var parsed = ParseDay();
        var (enriched, _) = new EnrichStage(stages).Enrich(new EventBatch("day", parsed, [], parsed.Count, 0));

        Assert.Equal(copies.Length, enriched.Events.Count);
        for (var i = 0; i < copies.Length; i++)
        {
            Assert.Same(parsed[i], enriched.Events[i]);
            Assert.Equal(Ecs(copies[i]), Ecs(enriched.Events[i]));
        }
        // Each stage had something to set: people named, categories found, more than one verdict.
        Assert.Contains(enriched.Events, e => e.Attribution is { Source: not "none" } && e.UserName is not null);
        Assert.Contains(enriched.Events, e => e.Classification is { Categories.Count: > 0 });
        Assert.True(enriched.Events.Select(e => e.Policy!.Verdict).Distinct().Count() > 1);
    }
}
