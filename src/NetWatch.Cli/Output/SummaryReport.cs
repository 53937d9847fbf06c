using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Core.Policy;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Cli.Output;

/// <summary>
/// <c>netwatch summary</c>'s overview of a store, read through the store contracts (aggregates and the dead letters),
/// so it reads the same from the store file and from a running service's API. Verdicts, safeguarding themes, top
/// users and sites and personal use by role count page views only; DNS look-ups and firewall sessions are counted
/// apart, so one visit is not counted twice.
/// </summary>
internal static class SummaryReport
{
    private const string Unattributed = "(unattributed)";
    private static readonly EventQuery PageViews = new() { Kind = EventKinds.PageView };
    private static readonly string[] PersonalVerdicts = [Verdicts.PersonalBreak, Verdicts.PersonalWorkingHours];

    public static async Task WriteAsync(TextWriter w, IAggregates aggregates, IEventSearch search, int top, CancellationToken cancel)
    {
        AggregateQuery By(string name, AggregateDimension by, EventQuery? filter = null, int? topN = null) =>
            new() { Name = name, By = by, Filter = filter ?? EventQuery.All, Top = topN };
        var results = (await aggregates.AggregateAsync(
        [
            By("all", AggregateDimension.None),
            By("kind", AggregateDimension.Kind),
            By("dataset", AggregateDimension.Dataset),
            By("action", AggregateDimension.Action),
            By("verdict", AggregateDimension.Verdict, PageViews),
            By("lookups", AggregateDimension.Verdict, new EventQuery { Action = EventActions.DnsQuery }),
            .. PersonalVerdicts.Select(v => By("personal:" + v, AggregateDimension.PersonRole, PageViews with { Verdict = v })),
            By("theme", AggregateDimension.SafeguardingTheme, PageViews),
            By("users", AggregateDimension.Person, PageViews, top),
            By("sites", AggregateDimension.RegisteredDomain, PageViews, top),
        ], cancel)).ToDictionary(r => r.Name, r => r.Rows);

        var all = results["all"].SingleOrDefault();
        w.WriteLine($"events: {all?.Requests ?? 0}" + (all is { First: { } f, Last: { } l }
            ? $", from {EcsJsonWriter.FormatInstant(f)} to {EcsJsonWriter.FormatInstant(l)}" : ""));
        long Kind(string k) => results["kind"].FirstOrDefault(x => x.Key == k)?.Requests ?? 0;
        w.WriteLine($"by kind:     page views {Kind(EventKinds.PageView)}, DNS look-ups {Kind(EventKinds.DnsLookup)}, "
            + $"firewall sessions {Kind(EventKinds.FirewallSession)}, findings {Kind(EventKinds.Finding)} (verdicts, themes, top users and sites count page views only)");
        w.WriteLine("by source:   " + Counts(results["dataset"]));
        w.WriteLine("by action:   " + Counts(results["action"]));
        var verdicts = Valued(results["verdict"]);
        if (verdicts.Count > 0) w.WriteLine("by verdict (page views): " + Counts(verdicts));
        var lookups = Valued(results["lookups"]);
        if (lookups.Count > 0) w.WriteLine("DNS look-ups by verdict (not page views): " + Counts(lookups));
        var personal = PersonalVerdicts
            .SelectMany(v => results["personal:" + v].Where(r => r.Requests > 0).Select(r => (Role: Label(r.Key), Verdict: v, r.Requests, r.VisitMinutes)))
            .OrderBy(p => p.Role, StringComparer.Ordinal).ThenBy(p => p.Verdict, StringComparer.Ordinal).ToList();
        if (personal.Count > 0)
        {
            w.WriteLine("personal use by role (page views, visit minutes):");
            foreach (var p in personal) w.WriteLine($"  {p.Role,-14} {p.Verdict,-24} {p.Requests,8} {p.VisitMinutes,8:0.0} min");
        }
        var themes = Valued(results["theme"]);
        if (themes.Count > 0) w.WriteLine("safeguarding themes (page views): " + Counts(themes));
        w.WriteLine("top users (page views, bytes):");
        foreach (var u in Ranked(results["users"], Label)) w.WriteLine($"  {u.Name,-24} {u.Requests,8} {u.Bytes,14}");
        w.WriteLine("top sites (page views, bytes):");
        foreach (var d in Ranked(results["sites"], k => k ?? AggregateRow.NoValue)) w.WriteLine($"  {d.Name,-24} {d.Requests,8} {d.Bytes,14}");

        var deadLetters = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var d in search.DeadLettersAsync(cancel)) deadLetters[d.Reason] = deadLetters.GetValueOrDefault(d.Reason) + 1;
        w.WriteLine("dead letters: " + (deadLetters.Count == 0 ? "none"
            : string.Join(", ", deadLetters.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key} {x.Value}"))));
    }

    /// <summary>A person's or role's name; the aggregates' "(none)" is an event nobody is attributed to.</summary>
    private static string Label(string? key) => key is null or AggregateRow.NoValue ? Unattributed : key;

    /// <summary>The rows that have a value (a verdict, a theme): "(none)" is left out.</summary>
    private static List<AggregateRow> Valued(IReadOnlyList<AggregateRow> rows) => rows.Where(r => r.Key is not null and not AggregateRow.NoValue).ToList();

    private static string Counts(IEnumerable<AggregateRow> rows) => string.Join(", ", rows.Select(x => $"{x.Key} {x.Requests}"));

    /// <summary>Most page views first, then by name (as labelled).</summary>
    private static IEnumerable<(string Name, long Requests, long Bytes)> Ranked(IEnumerable<AggregateRow> rows, Func<string?, string> label) =>
        rows.Select(r => (Name: label(r.Key), r.Requests, r.Bytes)).OrderByDescending(r => r.Requests).ThenBy(r => r.Name, StringComparer.Ordinal);
}
