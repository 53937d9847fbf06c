using NetWatch.Core.Identity;
using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Reference;
using NetWatch.Pipeline.Stages;
using NodaTime;

namespace NetWatch.Service.Composition;

/// <summary>
/// The enrichment stages, declared once, in the order they run, each with the fields it reads and writes (checked at
/// start by <see cref="StageOrder"/>): attribution names the person, classification the URL's categories, the policy
/// judges both in local time.
/// </summary>
public static class EnrichmentStages
{
    public static EnrichmentStage Attribution(ReloadingAttributionEnricher enricher) =>
        new("attribution", ["source.ip", "source.user.name", "@timestamp", "event.start"],
            ["user.name", "user.roles", "user.group.name", "netwatch.attribution"], enricher)
        {
            TakeNote = enricher.Findings.TakePending,
        };

    public static EnrichmentStage Classification(UrlCategorizer categorizer, ISafeguardingSemantics? semantics) =>
        new("classification", ["url.original", "url.domain", "url.registered_domain"],
            ["netwatch.categories", "netwatch.search", "netwatch.safeguarding"], semantics is null ? new ClassificationEnricher(categorizer) : new ClassificationEnricher(categorizer, semantics));

    public static EnrichmentStage Policy(PolicyEngine engine) =>
        new("policy", ["@timestamp", "user.name", "user.roles", "netwatch.categories", "netwatch.safeguarding", "url.registered_domain"],
            ["netwatch.policy"], engine);

    /// <summary>The stages the reference data given asks for, in their declared order.</summary>
    public static IReadOnlyList<EnrichmentStage> From(ReloadingAttributionEnricher? attribution, UrlCategorizer? categorizer,
        ISafeguardingSemantics? semantics, PolicyEngine? policy)
    {
        var stages = new List<EnrichmentStage>();
        if (attribution is not null) stages.Add(Attribution(attribution));
        if (categorizer is not null) stages.Add(Classification(categorizer, semantics));
        if (policy is not null) stages.Add(Policy(policy));
        StageOrder.Check(stages);
        return stages;
    }
}
