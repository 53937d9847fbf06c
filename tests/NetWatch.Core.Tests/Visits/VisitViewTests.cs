using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Policy;
using NetWatch.Core.Visits;

namespace NetWatch.Core.Tests.Visits;

/// <summary>
/// The visits the live service's aggregator hands to the store are views of its own visits (<see cref="IVisitView"/>), no
/// record made: each must read as the record it stands for (<see cref="IVisitView.ToVisit"/>), every field and every
/// personal span walked from its requests, whatever the verdicts and however the batches are cut; the room said for the
/// spans must hold them; and a closed visit handed out as a first version still reads so at the session's commit.
/// </summary>
public class VisitViewTests
{
    static int _ids;

    static readonly string?[] VerdictsByTurn = [null, Verdicts.PersonalBreak, Verdicts.PersonalWorkingHours, Verdicts.Unclassified];

    static NetEvent At(int seconds, string user, string site, int verdict)
    {
        var e = VisitLogs.At(seconds, user, site) with { Id = EventId.FromGuid(new Guid(Interlocked.Increment(ref _ids), 0, 0, new byte[8])) };
        return VerdictsByTurn[verdict] is { } v ? e with { Policy = new PolicyDecision { Verdict = v, PolicyName = "p-" + verdict } } : e;
    }

    /// <summary>The view read through the interface only, spans one by one.</summary>
    static string Read(IVisitView v)
    {
        var spans = new List<string>();
        var cursor = 0;
        while (v.NextPersonalSpan(ref cursor, out var s)) spans.Add($"{s.Start}-{s.End}-{s.InWorkingHours}");
        return $"{v.FirstEventId} {v.Person} {v.Role} {v.Domain} {v.Start} {v.End} {v.EventCount} [{string.Join(",", v.Categories)}] "
            + $"{v.Verdict} {v.PolicyName} {string.Join(";", spans)}";
    }

    /// <summary>The record, by its own properties.</summary>
    static string Read(Visit v) =>
        $"{v.FirstEventId} {v.Person} {v.Role} {v.Domain} {v.Start} {v.End} {v.EventCount} [{string.Join(",", v.Categories)}] "
        + $"{v.Verdict} {v.PolicyName} {string.Join(";", v.PersonalTime.Select(s => $"{s.Start}-{s.End}-{s.InWorkingHours}"))}";

    static string? Differs(IVisitView view)
    {
        var record = view.ToVisit();
        if (Read(view) != Read(record)) return $"view {Read(view)}\nrecord {Read(record)}";
        return view.PersonalSpansAtMost < record.PersonalTime.Count
            ? $"{record.PersonalTime.Count} spans, at most {view.PersonalSpansAtMost} said" : null;
    }

    [Property(MaxTest = 300)]
    public Property Every_view_handed_out_reads_as_its_record() =>
        Prop.ForAll(
            Gen.ListOf(
                from seconds in Gen.Choose(0, 900)
                from user in Gen.Elements("j.smith", "a.patel")
                from site in Gen.Elements("facebook", "bbc", "tiktok")
                from verdict in Gen.Choose(0, VerdictsByTurn.Length - 1)
                select (seconds, user, site, verdict)).ToArbitrary(),
            Gen.ListOf(Gen.Choose(1, 40)).ToArbitrary(),
            (requests, cuts) =>
            {
                var events = requests.Select((r, i) => At(Math.Max(0, r.seconds % 90 + i * 7), r.user, r.site, r.verdict)).ToList();
                var live = new VisitAggregator(VisitLogs.Gap);
                var firstVersions = new List<IVisitView>();
                var at = 0;
                foreach (var cut in VisitLogs.CutPoints(cuts, events.Count))
                {
                    for (; at < cut; at++) live.Add(events[at], firstVersions);
                    live.CloseIdle(live.Watermark!.Value, firstVersions);
                    // A session kept open: the closed first versions wait for its commit, some batches on.
                    if (cut % 3 != 0 && cut != events.Count) continue;
                    foreach (var view in live.TakeTouched(firstVersions).Concat(firstVersions))
                        if (Differs(view) is { } wrong) return false.Label($"after {cut} events: {wrong}");
                    firstVersions.Clear();
                }
                return true.ToProperty();
            });
}
