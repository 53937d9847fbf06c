using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Pipeline.Observers.Spill;

/// <summary>
/// The open visits left out of memory under a budget (<see cref="VisitAggregator.Evict"/>) that a later request may still
/// continue, each as Reopen needs it (its record as stored and the requests that record cannot say: <see cref="EvictedVisit"/>),
/// in a spill file of its generation (<see cref="VisitSpillFile"/>); memory keeps its key and offset only (~30 bytes against
/// ~500 and its requests open). A generation holds the visits that end within one idle gap of event time (end / gap), and is
/// dropped, its file deleted, once the watermark is a gap past its last possible end (each of its visits would have closed
/// idle by then, and the aggregator closes, rather than continues, a visit idle at the watermark). So at most about three
/// generations live, and the disk they take is what was evicted within them. A key evicted again (it came back and left
/// again) is found at its last eviction only. Reading a visit back reads its record, not the store: the store's look-up
/// (a join of the keys with the visits table) grew with the table, ~160 ms a call late in the 240 s 50,000 lines/s bench.
/// Only for the aggregator whose visits it holds: a run that ends or fails takes its files with it (delete on close, and
/// a run after a crash deletes what is left in the directory).
/// </summary>
public sealed class EvictedVisits : IDisposable
{
    private readonly long _gapTicks;
    private readonly string _directory;
    private readonly List<Generation> _generations = [];
    /// <summary>A record's bytes as they are written (kept from visit to visit).</summary>
    private readonly MemoryStream _record = new();
    private readonly BinaryWriter _writer;
    /// <summary>A record's bytes as they are read (kept from visit to visit).</summary>
    private readonly MemoryStream _read = new();
    /// <summary>The recurring strings of the records read back, one instance each.</summary>
    private readonly SpillStrings _strings = new();

    private sealed class Generation(long bucket, VisitSpillFile file)
    {
        public readonly long Bucket = bucket;
        public readonly VisitSpillFile File = file;
        /// <summary>Each key's record in <see cref="File"/>: the offset of its last eviction into this generation, and its end
        /// as the record gives it back (in ticks: a visit idle by then is dropped without a read).</summary>
        public readonly Dictionary<long, (long Offset, long EndTicks)> Offsets = [];
    }

    public const string FilePattern = "visits-*.spill";

    /// <param name="directory">Where the generations' files go (the store's directory: never a shared place without the
    /// store's name); files of this pattern left there (a run that crashed) are deleted.</param>
    public EvictedVisits(Duration idleGap, string directory)
    {
        _gapTicks = idleGap.BclCompatibleTicks;
        _directory = directory;
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.EnumerateFiles(directory, FilePattern)) File.Delete(stale);
        _writer = new BinaryWriter(_record);
    }

    /// <summary>True when no visit is held (nothing evicted, or every eviction expired).</summary>
    public bool IsEmpty => _generations.Count == 0;

    /// <summary>The bytes the generations' files take.</summary>
    public long SpillBytes => _generations.Sum(g => g.File.Length);

    public void Add(EvictedVisit evicted) => Add(evicted.Visit, evicted.Requests, evicted.Requests is not null);

    /// <summary>A visit evicted as it stands (written at once: a view is valid during the call only), and its requests when
    /// <paramref name="kept"/> (<see cref="EvictedVisit.Requests"/>). The aggregator's <see cref="VisitAggregator.EvictedTo"/>.</summary>
    public void Add(IVisitView visit, ReadOnlySpan<long> requests, bool kept)
    {
        var key = VisitKey.Hash(visit.Person, visit.Domain);
        var end = visit.End;
        var bucket = BucketOf(end);
        Generation? generation = null;
        // An earlier eviction's record is stale (the visit came back and may have changed since).
        foreach (var g in _generations)
        {
            if (g.Bucket == bucket) generation = g;
            else g.Offsets.Remove(key);
        }
        if (generation is null)
            _generations.Add(generation = new Generation(bucket, new VisitSpillFile(Path.Combine(_directory, $"visits-{bucket}-{Guid.NewGuid():N}.spill"))));
        _record.SetLength(0);
        VisitSpillRecord.Write(_writer, visit, requests, kept);
        _writer.Flush();
        var offset = generation.File.Append(_record.GetBuffer().AsSpan(0, (int)_record.Length));
        generation.Offsets[key] = (offset, VisitSpillRecord.StoredEnd(end).ToUnixTimeTicks());
    }

    /// <summary>Drops the generations whose every visit is idle at <paramref name="watermark"/> (ends before watermark - gap),
    /// and their files.</summary>
    public void Expire(Instant watermark)
    {
        var ticks = watermark.ToUnixTimeTicks();
        for (var i = _generations.Count - 1; i >= 0; i--)
        {
            if ((_generations[i].Bucket + 2) * _gapTicks > ticks) continue;
            _generations[i].File.Dispose();
            _generations.RemoveAt(i);
        }
    }

    /// <summary>
    /// The visit of this person and domain evicted last, if one is held and it ends at or after <paramref name="endingFrom"/>,
    /// taken (it is back in memory, or idle: when it is evicted again it is written again). One that ends before is dropped
    /// unread (the watermark only grows: it would be idle at every later call too). Keys are 64-bit hashes: were two keys to
    /// share one, the record says whose it is, and another's is left where it is (or dropped if it ended before: it too is idle).
    /// The record's person and domain are these strings, its other strings shared (<see cref="SpillStrings"/>).
    /// </summary>
    public EvictedVisit? Take(string person, string domain, Instant endingFrom)
    {
        var key = VisitKey.Hash(person, domain);
        foreach (var g in _generations)
        {
            if (!g.Offsets.TryGetValue(key, out var at)) continue;
            if (at.EndTicks < endingFrom.ToUnixTimeTicks())
            {
                g.Offsets.Remove(key);
                return null;
            }
            g.File.Read(at.Offset, _read);
            if (VisitSpillRecord.Read(_read.GetBuffer().AsSpan(0, (int)_read.Length), _strings, person, domain) is not { } evicted) return null;
            g.Offsets.Remove(key);
            return evicted;
        }
        return null;
    }

    /// <summary>As <see cref="Take(string, string, Instant)"/>, whatever its end.</summary>
    public EvictedVisit? Take(string person, string domain) => Take(person, domain, Instant.MinValue);

    /// <summary>floor(end / gap), in whole ticks (a double would round them).</summary>
    private long BucketOf(Instant end)
    {
        var ticks = end.ToUnixTimeTicks();
        var bucket = ticks / _gapTicks;
        return ticks % _gapTicks < 0 ? bucket - 1 : bucket;
    }

    /// <summary>Deletes the files, and the directory if nothing else is in it.</summary>
    public void Dispose()
    {
        foreach (var g in _generations) g.File.Dispose();
        _generations.Clear();
        try
        {
            if (Directory.Exists(_directory) && !Directory.EnumerateFileSystemEntries(_directory).Any()) Directory.Delete(_directory);
        }
        catch (IOException)
        {
            // Something else came into it meanwhile: it stays.
        }
    }
}
