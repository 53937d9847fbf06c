using System.Globalization;
using System.Text.RegularExpressions;
using NetWatch.Core.Visits;

namespace NetWatch.Pipeline;

/// <summary>
/// How much memory an ingestion may use (<c>--memory</c>, the service's <c>memory</c> key), split among the parts that
/// grow with the input so that none of them grows with it:
/// <list type="bullet">
/// <item><see cref="StoreBytes"/>: the store's own cache (DuckDB's <c>memory_limit</c>), 30%: DuckDB's working memory
/// outside its buffer pool (an appender's chunks, a query's state) comes on top of it.</item>
/// <item><see cref="MaxEventsPerWrite"/>: the events joined into one write while the store is busy, sized so that the
/// batches in flight (the one being written, the one being joined, the parsed blocks between) take about 15% at
/// <see cref="WriteSizingBytesPerEvent"/> (~5% at what an event holds since: <see cref="HeapBytesPerEvent"/>)
/// (25% until session 16: two interleaved pairs of an enriched import of 1,000,000 lines peaked at 992 and 1,062 MB with
/// 25%, 914 and 903 MB with 15%, for 0.6% and 1.5% more CPU; joined writes of up to 26,214 events rather than 43,690).</item>
/// <item><see cref="OpenVisits"/>: the live service's open visits, at most 18% (<see cref="OpenVisitPercent"/>), and the
/// index of the visits it left to the store, 2% (<see cref="EvictedIndexPercent"/>): a live feed keeps every
/// key that recurs within the idle gap open, and each visit's list of requests grows with the feed (the 50,000 lines/s
/// bench: 163,989 keys, all open, ~10 requests each after two minutes; bench/results/visits-2026-12-04-session22.txt).
/// A cap against growth without end, not a working set: past it, visits that come back are read back (from the store
/// until session 31, from spill files since: <see cref="Observers.Spill.EvictedVisits"/>), which costs when the live keys
/// outgrow it. At 10% the 50,000 lines/s bench went past it, reread ~2,900 visits a batch
/// (5.5 s of the store thread in two minutes) and stored 15% fewer lines; at 20% it did not reach it
/// (bench/results/lead-2026-12-04-session22.txt).</item>
/// <item>The rest (33%) is not divided: the reference data (lists, policy, people; fixed by the files, not the logs),
/// the findings (one per person and site, not per line), an import's open visits (a gap of its log at most), and the
/// runtime itself.</item>
/// </list>
/// </summary>
public sealed partial record MemoryBudget(long Bytes)
{
    /// <summary>
    /// What the joined writes are sized by (<see cref="MaxEventsPerWrite"/>): an event's bytes as measured in session 16
    /// (about 1.6 KB, rounded up). Events have shrunk since (in-place enrichment, the parsers' allocations: now
    /// <see cref="HeapBytesPerEvent"/>), but the write size it gives (26,214 events under 1GB) is the one measured best for
    /// imports and the live service, and is kept: this sizes the writes, it does not count the heap.
    /// </summary>
    public const int WriteSizingBytesPerEvent = 2048;

    /// <summary>
    /// An event as parsed and enriched, with its strings, as the managed heap holds it in a batch, as the plan counts it
    /// (<see cref="BatchBytes"/>, <see cref="SideHeldBytes"/>): measured 683 bytes in session 29 (132,030 events of the
    /// live-lag bench's Squid log, enriched with the shipped lists and policy 000: 90.1 MB kept), 667 bytes on the sample
    /// school day with attribution (EventHeapBytesTests); counted at 1 KB, which leaves room for longer URLs and agents.
    /// Counted at 2 KB until session 31, three times what the events hold now, so the plan held the heap's limit at 55%.
    /// </summary>
    public const int HeapBytesPerEvent = 1024;

    /// <summary>Batches held at once at most: one being written, one being joined, and the parsed blocks queued before them.</summary>
    public const int BatchesInFlight = 3;

    /// <summary>
    /// <c>import</c>'s budget when <c>--memory</c> is not given. Without one an enriched import of 1,000,000 lines peaked
    /// at 2,181 MB on a quiet machine (DuckDB's default 1 GB cache, four joined batches of 130,000 events); under 1GB it
    /// peaked at 1,239 MB in the same run for the same CPU seconds (68.8 s and 68.4 s; /work/base, 2026-12-02), since
    /// smaller writes hold less and the store's compression does not gain from a larger cache on an append-only load.
    /// </summary>
    public static readonly MemoryBudget ImportDefault = new(1L << 30);

    /// <summary>
    /// The most of the budget an import's write session may hold in memory for its commit, in percent: the session's new
    /// events, a row group of them for each of DuckDB's threads that insert them at the commit (Storage's EventsAtCommit),
    /// counted at <see cref="HeapBytesPerEvent"/>. Two row groups (240 MB) fit the import's default 1GB; under about 960MB an
    /// import inserts its events as they come, on its writing thread alone. Without this bound an import at --memory 512MB
    /// held two row groups and peaked at 606 MB, against 485 MB inserting as they come (session 38).
    /// </summary>
    public const int ImportHeldSessionPercent = 25;

    /// <summary>
    /// The threads, at most <paramref name="wanted"/>, an import's events may be inserted on at its commits: as many as
    /// <see cref="ImportHeldSessionPercent"/> of the budget holds row groups of events; 1 (nothing held) under two.
    /// </summary>
    public int ImportInsertThreads(int wanted)
    {
        var rowGroups = Bytes * ImportHeldSessionPercent / 100 / ((long)PipelineOptions.StoreRowGroup * HeapBytesPerEvent);
        return rowGroups < 2 ? 1 : (int)Math.Min(wanted, rowGroups);
    }

    /// <summary>The least budget that leaves the store and the batches room to work.</summary>
    public const long Minimum = 256L << 20;

    /// <summary>The store's cache (DuckDB's <c>memory_limit</c>) for an import or a replay (<c>run --once</c>).</summary>
    public long StoreBytes => Bytes * 30 / 100;

    /// <summary>
    /// The live service's shares, in percent (<see cref="LiveMemoryPlan"/>): DuckDB 25% rather than an import's 30%, the
    /// managed heap at most 40% (a GC hard limit), the rest (35%) left to the runtime and the native libraries, which no
    /// setting bounds. Before session 23 nothing planned the GC's headroom or the runtime: with <c>memory: 1GB</c> the live
    /// service peaked at 1,263-1,410 MB at 50,000 lines/s (GC committed 559 MB, twice what a full collection found alive;
    /// DuckDB ~290; ~325 neither) and 889-1,006 MB in the 1M backlog (bench/results/heap-2026-12-05-session23.txt).
    /// DuckDB at 20% spilled more and cost the backlog ~10% more CPU (its commits and the side file's moves); at 25% the
    /// CPU was the base's and the peak still ~45 MB lower. The heap's limit was 55% from session 23 to 28 (the batches and
    /// the side file's hold counted at 2 KB an event); at 50,000 lines/s the GC's committed memory runs up to its limit
    /// whatever is alive (272-340 MB found by full collections), so the limit, not what is alive, sets the heap's share
    /// of the peak. 40% since session 31, with the events counted at what they hold (<see cref="HeapBytesPerEvent"/>):
    /// measured in session 29 (bench/results/plan-2026-12-05-session29.txt) and taken back there after a run ran out of
    /// memory in the visits' take, which built a record for every open visit a behind session had touched; since session
    /// 30 that take hands out the open visits themselves (bench/results/lead-2026-12-05-session31.txt).
    /// </summary>
    public const int LiveStorePercent = 25, ManagedHeapPercent = 40;

    /// <summary>The live service's store cache (DuckDB's <c>memory_limit</c>): 256 MB under 1GB.</summary>
    public long LiveStoreBytes => Bytes * LiveStorePercent / 100;

    /// <summary>The live service's managed heap's hard limit (the GC's): 409 MB under 1GB.</summary>
    public long ManagedHeapBytes => Bytes * ManagedHeapPercent / 100;

    /// <summary>The batches in flight at most, as the plan counts them (76 MB under 1GB: 3 x 26,214 events at 1 KB).</summary>
    public long BatchBytes => WritesBytes(BatchesInFlight);

    /// <summary>
    /// The joined writes the live service's side file holds in memory at most while the main file checkpoints
    /// (Flows/StoreFlow: each waits there, with its notes, until the main file takes it); past them the store stage waits
    /// for the checkpoint. Four until session 23 (~200 MB under 1GB at 2 KB an event), outside any plan: with the open visits at their cap
    /// and the joins full, the heap's hard limit could then be passed. Two (52,428 events under 1GB) still hold a quiet
    /// 12,000 lines/s checkpoint's 36,000-45,000 events (bench/results/stall-2026-12-04-session21.txt); in a backlog a
    /// stage that waits for the checkpoint costs no CPU (session 21's "behind" runs, lead-quiet-2026-12-04-session21.txt).
    /// </summary>
    public const int SideHeldWrites = 2;

    /// <summary>The side file's hold at most, as the plan counts it (51 MB under 1GB: 52,428 events at 1 KB).</summary>
    public long SideHeldBytes => WritesBytes(SideHeldWrites);

    /// <summary>What this many joined writes' events take on the managed heap, as estimated per event.</summary>
    private long WritesBytes(int writes) => (long)writes * MaxEventsPerWrite * HeapBytesPerEvent;

    /// <summary>
    /// The evicted visits' index (<see cref="Observers.Spill.EvictedVisits"/>: each key left to a spill file within the last
    /// ~3 idle gaps of event time, with its record's offset; 20 MB under 1GB). Reserved in the plan, not enforced: at ~40-60
    /// bytes a key (a dictionary entry and its growth) 20 MB holds ~350,000-500,000 keys, more than the open visits' share
    /// (~377,000 single-request visits) can leave in one gap, but a feed of ever-new keys could leave more. The Bloom filter
    /// of fixed bits it replaces (session 32) held every key in a fixed size, at the price of a store look-up on return.
    /// </summary>
    public long EvictedIndexBytes => Bytes * EvictedIndexPercent / 100;

    /// <summary>The batches in flight's share of the budget, in percent.</summary>
    public const int BatchPercent = 15;

    public int MaxEventsPerWrite =>
        (int)Math.Clamp(Bytes * BatchPercent / 100 / (BatchesInFlight * (long)WriteSizingBytesPerEvent), 8_192, new PipelineOptions().MaxEventsPerWrite);

    /// <summary>The live service's open visits' share of the budget, and the evicted visits' index's, in percent. The
    /// visits' share is 18% since session 23 (20% before), so that the side file's hold fits in the heap's plan: the
    /// 50,000 lines/s bench's 163,989 visits hold ~173 MB by its end as estimated, under 18%'s 184 MB.</summary>
    public const int OpenVisitPercent = 18, EvictedIndexPercent = 2;

    /// <summary>The live service's open visits' bytes (184 MB under 1GB: ~377,000 single-request visits, as
    /// VisitAggregator.HeldBytes estimates them).</summary>
    public OpenVisitBudget OpenVisits => new(Bytes * OpenVisitPercent / 100);

    /// <summary>
    /// The live service's budget of open visits: <see cref="OpenVisits"/>, or none without a budget; NETWATCH_OPEN_VISITS=N
    /// holds N instead (a diagnostic, as NETWATCH_PHASES: a fixed backlog then evicts and reloads visits, to compare its
    /// store with an unbounded run's).
    /// </summary>
    public static OpenVisitBudget? OpenVisitsOf(MemoryBudget? budget) =>
        int.TryParse(Environment.GetEnvironmentVariable("NETWATCH_OPEN_VISITS"), out var open) && open >= 0
            ? OpenVisitBudget.OfVisits(open)
            : budget?.OpenVisits;

    /// <summary>Applies the budget to pipeline options (the events joined per write).</summary>
    public PipelineOptions Apply(PipelineOptions options) => options with { MaxEventsPerWrite = MaxEventsPerWrite };

    /// <summary>A size as <c>1GB</c>, <c>800MB</c>, <c>1.5GiB</c> (units of 1024); null with the reason when it is not one.</summary>
    public static MemoryBudget? Parse(string text, out string? error)
    {
        error = null;
        var m = Size().Match(text.Trim());
        if (!m.Success)
        {
            error = $"'{text}' is not a size such as 1GB or 800MB";
            return null;
        }
        var number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = m.Groups[2].Value.ToUpperInvariant() switch
        {
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => 1L,
        };
        var bytes = (long)(number * unit);
        if (bytes < Minimum)
        {
            error = $"'{text}' is less than the least memory NetWatch can work in ({Minimum >> 20}MB)";
            return null;
        }
        return new MemoryBudget(bytes);
    }

    public override string ToString() => $"{Bytes >> 20}MB";

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(B|K|KB|KiB|M|MB|MiB|G|GB|GiB)$", RegexOptions.IgnoreCase)]
    private static partial Regex Size();
}
