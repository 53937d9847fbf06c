using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Alerts;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Core.Tests.Alerts;

/// <summary>Grouping's invariants over random streams of matches (people, themes, severities, minutes apart, batch cuts).</summary>
public class AlertGrouperProperties
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 23, 9, 0);

    private sealed record Hit(string Person, string Theme, int Severity, int Minute);

    private static readonly Gen<Hit> HitGen =
        from person in Gen.Elements("a", "b", "c")
        from theme in Gen.Elements("self-harm", "bullying")
        from severity in Gen.Choose(1, 5)
        from minute in Gen.Choose(0, 180)
        select new Hit(person, theme, severity, minute);

    private static readonly Gen<(List<Hit> Hits, int Cut)> StreamGen =
        from hits in HitGen.ListOf()
        from cut in Gen.Choose(1, 10)
        select (hits.OrderBy(h => h.Minute).ToList(), cut);

    private static List<AlertChanges> Run(List<Hit> hits, int cut)
    {
        var grouper = new AlertGrouper(AlertGrouping.Default);
        var matches = hits.Select((h, i) => AlertMatcher.Match(
            AlertTestEvents.Safeguarding(i, Start + Duration.FromMinutes(h.Minute), h.Person, h.Theme, h.Severity), AlertRules.Default, SuppressionSet.None)!).ToList();
        return matches.Chunk(cut).Select(batch => grouper.Add(batch, Start)).ToList();
    }

    private static Dictionary<string, Alert> Final(List<AlertChanges> runs)
    {
        var final = new Dictionary<string, Alert>();
        foreach (var a in runs.SelectMany(r => r.Alerts)) final[a.Id] = a;
        return final;
    }

    [Property(MaxTest = 300)]
    public Property Every_match_is_counted_in_exactly_one_alert() => Prop.ForAll(StreamGen.ToArbitrary(), s =>
    {
        var final = Final(Run(s.Hits, s.Cut));
        return (final.Values.Sum(a => a.Count) == s.Hits.Count
            && final.Values.SelectMany(a => a.EventIds).Distinct().Count() == s.Hits.Count).ToProperty();
    });

    [Property(MaxTest = 300)]
    public Property Each_alert_is_notified_once_new_and_its_versions_are_its_notifications() => Prop.ForAll(StreamGen.ToArbitrary(), s =>
    {
        var runs = Run(s.Hits, s.Cut);
        var final = Final(runs);
        var notes = runs.SelectMany(r => r.Notifications).ToList();
        return final.Values.All(a =>
                notes.Count(n => n.AlertId == a.Id && n.Reason == AlertNotification.New) == 1
                && notes.Count(n => n.AlertId == a.Id) == a.Version
                && notes.Where(n => n.AlertId == a.Id).Select(n => n.Version).SequenceEqual(Enumerable.Range(1, a.Version)))
            .ToProperty();
    });

    [Property(MaxTest = 300)]
    public Property Alerts_of_one_group_are_more_than_a_window_apart_and_carry_their_highest_severity() => Prop.ForAll(StreamGen.ToArbitrary(), s =>
    {
        var final = Final(Run(s.Hits, s.Cut));
        var apart = final.Values.GroupBy(a => a.GroupKey).All(g =>
        {
            var ordered = g.OrderBy(a => a.FirstSeen).ToList();
            return ordered.Zip(ordered.Skip(1)).All(p => p.Second.FirstSeen - p.First.LastSeen > AlertGrouping.Default.Window);
        });
        var severity = final.Values.All(a => a.Severity == a.Evidence.Max(e => e.Severity) || a.Evidence.Count == Alert.EvidenceKept);
        return (apart && severity).ToProperty();
    });

    [Property(MaxTest = 200)]
    public Property How_the_stream_is_cut_into_batches_changes_nothing() => Prop.ForAll(StreamGen.ToArbitrary(), s =>
    {
        string Shape(List<AlertChanges> runs) => string.Join(";", Final(runs).Values.OrderBy(a => a.Id)
            .Select(a => $"{a.Id}:{a.Count}:{a.Severity}:{a.Version}"));
        return (Shape(Run(s.Hits, s.Cut)) == Shape(Run(s.Hits, 1))).ToProperty();
    });
}
