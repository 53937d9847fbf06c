using System.Diagnostics;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Observers;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NodaTime;

namespace NetWatch.Pipeline.ReadAhead;

/// <summary>
/// The alerts' read-ahead (issue 15: an alert must not wait behind the bulk backlog). A followed file is read a second
/// time, as it grows, by a reader of its own that back-pressure never holds (the bulk pipeline's reader waits for the
/// store when it falls behind: at 20,000 lines/s on 2 cores alert lines waited 1-3 s to be read and parsed). Each new
/// block is screened (<see cref="LineScreen"/>: from each line's URL alone where the parser can read it so) with the
/// cheap check that can raise a safeguarding alert (the phrase library's lexical layer over the search terms and URL
/// text); only the few candidates are parsed into events, and they go through the enrichment stages and the
/// fast lane at once (<see cref="AlertFastLane.EarlyAsync"/>). The bulk pipeline later reads, stores and takes over
/// the same events (same deterministic ids): the lane's "raised before?" question means nothing is raised twice.
/// <para>A screen, not a judge: what it misses (category alerts, matches of the semantic layer only) the bulk path
/// raises as before. It runs only where its stages have no state to disturb: not with attribution (its enricher
/// keeps sessions and findings per batch), nor for a stateful parser (W3C headers).</para>
/// </summary>
public sealed class AlertPreScreen
{
    private readonly IReadOnlyList<EnrichmentStage> _stages;
    private readonly AlertFastLane _lane;
    private readonly IClock _clock;
    private readonly LineScreen _screen = new();

    private AlertPreScreen(IReadOnlyList<EnrichmentStage> stages, AlertFastLane lane, IClock clock) => (_stages, _lane, _clock) = (stages, lane, clock);

    /// <summary>Blocks screened, and candidates (events) handed to the lane (for /metrics and tests).</summary>
    public long Blocks => Interlocked.Read(ref _blocks);
    public long CandidatesFound => Interlocked.Read(ref _candidates);
    private long _blocks, _candidates;

    /// <summary>
    /// The read-ahead for these stages, or null where it cannot run: no classification (nothing to screen), or a stage
    /// with state of its own (a batch enricher, i.e. attribution).
    /// </summary>
    public static AlertPreScreen? For(IReadOnlyList<EnrichmentStage> stages, AlertFastLane lane, IClock clock) =>
        stages.Any(s => s.Enricher is ClassificationEnricher) && !stages.Any(s => s.Enricher is IBatchEnricher || s.TakeNote is not null)
            ? new AlertPreScreen(stages, lane, clock)
            : null;

    /// <summary>Whether lines of this parser can be screened (a stateful parser's state belongs to the bulk path).</summary>
    public static bool CanParse(ILogLineParser? parser) => parser is not null and not IStatefulLogLineParser;

    /// <summary>Screens a block (<see cref="LineScreen"/>), then raises the candidates' alerts through the fast lane. <paramref name="readAt"/>: Stopwatch ticks.</summary>
    public async Task ScreenAsync(LineBlock lines, ILogLineParser parser, Organization? school, long readAt, CancellationToken cancellationToken)
    {
        if (Screen(lines, parser, school, readAt) is { } candidates) await RaiseAsync(candidates, cancellationToken);
    }

    /// <summary>
    /// Where one followed source's screened lines are kept for its bulk path's classification to reuse
    /// (<see cref="ScreenedLines"/>), or null when that classification's check is not the screen's (a semantic layer,
    /// other search engines or phrases): then nothing is kept and every line is checked again, as before.
    /// </summary>
    public ScreenedLines? ScreenedLinesForBulk() =>
        _stages.Select(s => s.Enricher).OfType<ClassificationEnricher>().Any(c => c.SharesLexicalCheck(_screen.Check))
            ? new ScreenedLines(_screen.Check)
            : null;

    /// <summary>
    /// Screens a block (<see cref="LineScreen"/>): its candidates, enriched, or null. The reader screens its next blocks while the lane
    /// stores this one's (<see cref="RaiseAsync"/>): what they find meanwhile goes into the lane together, as one entry
    /// (<see cref="Candidates.Join"/>), so the lane's commits never fall behind the candidates however slow they get.
    /// </summary>
    /// <param name="screened">Where each line's answer is kept for the bulk path (<see cref="ScreenedLinesForBulk"/>), if anywhere.</param>
    public Candidates? Screen(LineBlock lines, ILogLineParser parser, Organization? school, long readAt, ScreenedLines? screened = null)
    {
        Interlocked.Increment(ref _blocks);
        var screen = PhaseTimes.Start();
        var candidates = _screen.Candidates(lines, parser, screened);
        PhaseTimes.Add("read-ahead: screen", screen);
        var parsedAt = Stopwatch.GetTimestamp();
        if (candidates is null) return null;
        Interlocked.Add(ref _candidates, candidates.Count);
        IngestStamp.Apply(candidates, school, _clock.GetCurrentInstant());
        var enrich = PhaseTimes.Start();
        var events = candidates.ToArray();
        foreach (var stage in _stages)
            for (var i = 0; i < events.Length; i++) events[i] = stage.Enricher.Enrich(events[i]);
        PhaseTimes.Add("read-ahead: candidates enriched", enrich);
        return new Candidates(new EventBatch(lines.Source, events, [], events.Length, 0), new BatchTimes(readAt, parsedAt, Stopwatch.GetTimestamp()));
    }

    /// <summary>Raises a block's candidates through the fast lane (stored, then told on the live feed).</summary>
    public Task RaiseAsync(Candidates candidates, CancellationToken cancellationToken) =>
        _lane.EarlyAsync(candidates.Batch, candidates.Times, cancellationToken);

    /// <summary>A block's candidates, enriched, with when the block was read, parsed and screened.</summary>
    public sealed record Candidates(EventBatch Batch, BatchTimes Times)
    {
        /// <summary>Several blocks' candidates as one lane entry, in order (timed as the first block: the longest wait).</summary>
        public static Candidates Join(IReadOnlyList<Candidates> list) => list.Count == 1 ? list[0]
            : new(list[0].Batch with { Events = list.SelectMany(c => c.Batch.Events).ToList(), LinesRead = list.Sum(c => c.Batch.Events.Count) },
                list[0].Times);
    }
}
