using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Contracts.Writing;
using NodaTime;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// Time on site, computed as batches pass: each new event joins its person's open visit to its domain
/// (<see cref="VisitAggregator"/>); a visit idle for longer than the gap at the newest event's time is closed and
/// written. Memory holds the open visits only. Before its first new events it reopens the stored visits they may
/// continue (a previous import of the same day, or the run before a restart): those that start within a day of the
/// events and end within the idle gap before them, or later. Visits are written replacing their earlier version (by first
/// event), so a visit written open and again when it grows is stored once. An import writes each visit once, when it
/// closes: only the stored visits it reopened have an earlier version to replace, so the others are added without
/// looking for one (the delete that replacing takes was half of the observer's write).
/// </summary>
/// <param name="writeOpen">Write the open visits that changed with every batch (the service: a crash then loses
/// nothing committed); otherwise open visits are written when they close and at the end (an import).</param>
public sealed class VisitObserver(IEventSearch search, Duration idleGap, bool writeOpen) : IEventObserver
{
    /// <summary>How far before the first new events a stored visit may have started and still be continued by them.</summary>
    public static readonly Duration ReopenWindow = Duration.FromDays(1);

    private readonly VisitAggregator _visits = Sampled(new VisitAggregator(idleGap));
    private bool _reopened;
    /// <summary>The first events of the stored visits reopened (the only visits an import writes that have a stored version).</summary>
    private readonly HashSet<EventId> _stored = [];

    /// <summary>With NETWATCH_MEMORY_SAMPLES, the open visits are counted in each sample (a count read from another thread: a sample may be a batch late).</summary>
    private static VisitAggregator Sampled(VisitAggregator visits)
    {
        if (MemorySamples.Enabled) MemorySamples.OpenVisits = () => visits.OpenCount;
        return visits;
    }

    /// <summary>Visits written so far (each version counted).</summary>
    public long Written { get; private set; }

    public async Task ObserveAsync(ObservedBatch batch, IWriteSession session, CancellationToken cancellationToken)
    {
        if (batch.New.Count == 0) return;
        if (!_reopened) await ReopenAsync(batch, cancellationToken);
        var closed = new List<Visit>();
        foreach (var e in batch.New)
            if (_visits.Add(e) is { } done) closed.Add(done);
        // Add already treats a visit idle at the watermark as closed, so where the batches are cut changes nothing.
        if (_visits.Watermark is { } watermark) closed.AddRange(_visits.CloseIdle(watermark));
        if (writeOpen) closed.AddRange(_visits.TakeTouched());
        await WriteAsync(session, closed, cancellationToken);
    }

    public Task FlushAsync(IWriteSession session, bool final, CancellationToken cancellationToken) =>
        final ? WriteAsync(session, _visits.Flush(), cancellationToken) : Task.CompletedTask;

    private async Task ReopenAsync(ObservedBatch batch, CancellationToken cancellationToken)
    {
        _reopened = true;
        var first = batch.New.Min(e => e.Start ?? e.Timestamp);
        // Starts are not in order (a request's start is its end less its duration): a stored visit may start after the
        // first new request and still be the one the next requests continue.
        foreach (var v in await search.VisitsAsync(first - ReopenWindow, first + ReopenWindow, null, cancellationToken))
            if (first - v.End <= idleGap)
            {
                _visits.Reopen(v);
                _stored.Add(v.FirstEventId);
            }
    }

    private async Task WriteAsync(IWriteSession session, IReadOnlyList<Visit> visits, CancellationToken cancellationToken)
    {
        if (visits.Count == 0) return;
        // The service writes open visits again as they grow: each replaces its earlier version.
        if (writeOpen) await session.WriteVisitsAsync(visits, cancellationToken);
        else if (_stored.Count == 0) await session.AddVisitsAsync(visits, cancellationToken);
        else
        {
            var replacing = visits.Where(v => _stored.Contains(v.FirstEventId)).ToList();
            if (replacing.Count > 0) await session.WriteVisitsAsync(replacing, cancellationToken);
            if (replacing.Count < visits.Count) await session.AddVisitsAsync(visits.Where(v => !_stored.Contains(v.FirstEventId)).ToList(), cancellationToken);
        }
        Written += visits.Count;
    }
}
