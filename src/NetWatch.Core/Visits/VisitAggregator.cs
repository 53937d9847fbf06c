using System.Runtime.InteropServices;
using NetWatch.Core.Events;
using NetWatch.Core.Policy;
using NodaTime;

namespace NetWatch.Core.Visits;

/// <summary>
/// Groups each person's requests into visits per registered domain: a request more than <see cref="IdleGap"/>
/// after the previous one on the same domain starts a new visit. Feed events in (roughly) time order; requests
/// that arrive late but within the gap of the open visit are merged into it. Only page views make visits (see
/// <see cref="EventKinds"/>): DNS look-ups and firewall sessions are not time on a site. Pure: no clock, no I/O.
/// </summary>
public sealed class VisitAggregator(Duration? idleGap = null)
{
    public static readonly Duration DefaultIdleGap = Duration.FromMinutes(5);
    public Duration IdleGap { get; } = idleGap ?? DefaultIdleGap;

    readonly Dictionary<(string Person, string Domain), OpenVisit> _open = new();
    /// <summary>The open visits changed since <see cref="TakeTouched"/> last looked, each once (some may have closed since):
    /// the live service takes them with every batch, and a pass over every open visit for the few that changed was most of
    /// the observer's own CPU there (TakeTouched 0.9% of the service's samples at 12,000 lines/s).</summary>
    readonly List<OpenVisit> _touched = [];
    /// <summary>Set by the first <see cref="TakeTouched"/>: an import never takes them, and its list would hold every visit.</summary>
    bool _tracking;
    /// <summary><see cref="KeepNames"/> has named the visits in <see cref="_touched"/> before this index.</summary>
    int _namedUpTo;
    /// <summary>No open visit ends before this (a lower bound: ends only grow, and each new or reopened visit lowers it);
    /// null when none is open. <see cref="CloseIdle"/> passes over the open visits only once one may be idle.</summary>
    Instant? _minEnd;

    sealed class OpenVisit : IVisitView
    {
        public OpenVisit(NetEvent first, string person, string domain, Instant start, Instant end)
        {
            (Person, Domain, Start, End, Count) = (person, domain, start, end, 1);
            Role = FirstRole(first);
            FirstId = first.Id;
            Categories = SortedCategories.Of(first.Classification?.Categories);
            (Verdict, PolicyName) = (first.Policy?.Verdict, first.Policy?.PolicyName);
            _first = (start, first.Policy?.Verdict);
        }

        /// <summary>A stored visit reopened: its requests' ownership rebuilt from its personal spans (the time between them owned
        /// by others), or, for a visit this aggregator evicted whose spans cannot say them, from the requests it kept
        /// (<see cref="EvictedVisit.Requests"/>).</summary>
        public OpenVisit(Visit v, long[]? requests = null)
        {
            (Person, Domain, Role, FirstId, Start, End, Count) = (v.Person, v.Domain, v.Role, v.FirstEventId, v.Start, v.End, v.EventCount);
            Categories = SortedCategories.Of(v.Categories);
            (Verdict, PolicyName) = (v.Verdict, v.PolicyName);
            // The evicted visit's own packed requests are taken as they are (EvictedVisits hands them over).
            (_requests, _requestCount) = requests is null ? FromSpans(v.Start, v.End, v.PersonalTime) : (requests, requests.Length);
        }

        /// <summary>Requests that own the visit's time as its personal spans say (one request for each stretch between them),
        /// packed (<see cref="Pack"/>), and how many.</summary>
        static (long[] Requests, int Count) FromSpans(Instant start, Instant end, IReadOnlyList<PersonalSpan> spans)
        {
            var requests = new long[2 * spans.Count + 1];
            var rebuilt = new SpanRequests(requests, start);
            foreach (var span in spans) rebuilt.Add(span);
            return (requests, rebuilt.End(end));
        }

        /// <summary><see cref="FromSpans"/>' rule one span at a time, in order, into room for 2 x spans + 1 requests: shared by
        /// the rebuild from a record's list and from an open visit's walked spans (<see cref="RequestsLost"/>).</summary>
        ref struct SpanRequests(Span<long> into, Instant start)
        {
            private readonly Span<long> _into = into;
            private Instant _at = start;
            private int _count;

            public void Add(PersonalSpan span)
            {
                if (span.Start > _at) _into[_count++] = Pack(_at, Neither);
                _into[_count++] = Pack(span.Start, span.InWorkingHours ? WorkingHours : Break);
                _at = span.End;
            }

            /// <summary>The last stretch, up to <paramref name="end"/>; returns how many requests.</summary>
            public int End(Instant end)
            {
                if (_at < end || _count == 0) _into[_count++] = Pack(_at, Neither);
                return _count;
            }
        }

        /// <summary>
        /// Whether the visit's record cannot rebuild its requests (<see cref="FromSpans"/>), and then the requests (start and
        /// what the spans tell apart of the verdict: personal working hours, personal break, neither; packed as unix ticks * 4
        /// + that class; this visit's own, valid until it changes). It cannot when requests that own no personal time are told
        /// apart only by their starts (a late request between them would own up to the next one), or when the last starts at
        /// the end (it owns no time yet). The spans are walked (<see cref="NextPersonalSpan"/>) and the rebuilt requests kept in
        /// <paramref name="scratch"/> (the caller's): an eviction writes each visit's record and these without a record object,
        /// its spans array or the rebuilt array (~300 bytes a visit evicted).
        /// </summary>
        public bool RequestsLost(ref long[] scratch, out ReadOnlySpan<long> requests)
        {
            if (_requests is null)
            {
                var lost = Verdicts.IsPersonal(_first.Verdict) && End <= _first.Start;
                if (lost) scratch[0] = Pack(_first.Start, ClassOf(_first.Verdict));
                requests = lost ? scratch.AsSpan(0, 1) : default;
                return lost;
            }
            if (scratch.Length < 2 * _requestCount + 1) scratch = new long[4 * _requestCount + 2];
            var rebuilt = new SpanRequests(scratch, Start);
            for (var cursor = 0; NextPersonalSpan(ref cursor, out var span);) rebuilt.Add(span);
            var n = rebuilt.End(End);
            var same = n == _requestCount && scratch.AsSpan(0, n).SequenceEqual(_requests.AsSpan(0, n));
            requests = same ? default : _requests.AsSpan(0, _requestCount);
            return !same;
        }

        /// <summary>A request's start (in whole ticks: the store keeps microseconds) and its class: what the spans tell apart of
        /// its verdict (<see cref="Neither"/>, <see cref="Break"/>, <see cref="WorkingHours"/>), as unix ticks * 4 + class.</summary>
        static long Pack(Instant start, int verdictClass) => start.ToUnixTimeTicks() * 4 + verdictClass;
        static Instant StartOf(long packed) => Instant.FromUnixTimeTicks(packed >> 2);
        static long TicksOf(long packed) => packed >> 2;
        const int Neither = 0, Break = 1, WorkingHours = 2;

        static int ClassOf(string? verdict) => verdict switch
        {
            Verdicts.PersonalBreak => Break,
            Verdicts.PersonalWorkingHours => WorkingHours,
            _ => Neither,
        };

        public readonly string Person;
        public readonly string Domain;
        public string? Role;
        public EventId FirstId;
        /// <summary>Stored as it stood (open): it keeps its first event, which names it in the store, even if an earlier request joins.</summary>
        public bool Written;
        /// <summary>Keeps its first event from now on (<see cref="Written"/>, or named by <see cref="KeepNames"/> and not yet written).</summary>
        public bool Named;
        public Instant Start;
        public Instant End;
        public int Count;
        /// <summary>Sorted and distinct (<see cref="SortedCategories"/>).</summary>
        public IReadOnlyList<string> Categories;
        public string? Verdict;
        public string? PolicyName;
        /// <summary>Changed since <see cref="TakeTouched"/> last looked.</summary>
        public bool Touched = true;
        /// <summary>Its stored version is the visit as it stands (written by <see cref="TakeTouched"/>, or reopened from the
        /// store, and not changed since): closing it changes nothing stored, so it is not written again.</summary>
        public bool StoredAsItStands => Written && !Touched;
        /// <summary>No longer open (closed, replaced or flushed): <see cref="TakeTouched"/> skips it.</summary>
        public bool Closed;
        /// <summary>Each request's start and verdict class, packed (<see cref="Pack"/>), in start order, the first
        /// <see cref="_requestCount"/> of the array: a request owns the time until the next one. Null while the visit has one
        /// request (<see cref="_first"/>): most have no other. Packed, a request is 8 bytes in one array, where a list of
        /// (start, verdict) was 24 bytes an entry and a list object besides (in the 50,000 lines/s bench a visit followed for
        /// two minutes holds tens of requests, and what they hold counts towards the open visits' budget).</summary>
        long[]? _requests;
        int _requestCount;
        readonly (Instant Start, string? Verdict) _first;

        /// <summary>Requests held in the array (none while the first is held inline).</summary>
        public int RequestCount => _requests is null ? 0 : _requestCount;

        public void AddRequest(Instant at, string? verdict)
        {
            if (_requests is null)
            {
                _requests = new long[4];
                _requests[0] = Pack(_first.Start, ClassOf(_first.Verdict));
                _requestCount = 1;
            }
            else if (_requestCount == _requests.Length) Array.Resize(ref _requests, _requestCount * 2);
            var ticks = at.ToUnixTimeTicks();
            var i = _requestCount;
            while (i > 0 && TicksOf(_requests[i - 1]) > ticks) i--;
            Array.Copy(_requests, i, _requests, i + 1, _requestCount - i);
            _requests[i] = Pack(at, ClassOf(verdict));
            _requestCount++;
        }

        // As it stands, for a store (IVisitView): the fields themselves, and the spans walked from the requests.
        string IVisitView.Person => Person;
        string? IVisitView.Role => Role;
        string IVisitView.Domain => Domain;
        Instant IVisitView.Start => Start;
        Instant IVisitView.End => End;
        int IVisitView.EventCount => Count;
        IReadOnlyList<string> IVisitView.Categories => Categories;
        string? IVisitView.Verdict => Verdict;
        string? IVisitView.PolicyName => PolicyName;
        EventId IVisitView.FirstEventId => FirstId;
        int IVisitView.PersonalSpansAtMost => _requests is null ? 1 : _requestCount;

        /// <summary>The visit's time owned by requests judged personal, each with whether its verdict was working hours, one
        /// a call (<see cref="IVisitView.NextPersonalSpan"/>): <paramref name="cursor"/> is the next request to look at.</summary>
        public bool NextPersonalSpan(ref int cursor, out PersonalSpan span)
        {
            if (_requests is null)
            {
                var has = cursor++ == 0 && Verdicts.IsPersonal(_first.Verdict) && End > _first.Start;
                span = has ? new PersonalSpan(_first.Start, End, _first.Verdict == Verdicts.PersonalWorkingHours) : default;
                return has;
            }
            while (cursor < _requestCount)
            {
                var i = cursor++;
                var verdictClass = (int)(_requests[i] & 3);
                if (verdictClass == Neither) continue;
                // A request judged personal owns the time until the next one starts (the last one, until the visit's end).
                var (start, until) = (StartOf(_requests[i]), Until(i));
                if (until <= start) continue;
                span = new PersonalSpan(start, until, verdictClass == WorkingHours);
                return true;
            }
            span = default;
            return false;
        }

        public Visit ToVisit() => new()
        {
            Person = Person, Role = Role, Domain = Domain, Start = Start, End = End, EventCount = Count,
            Categories = Categories, Verdict = Verdict, PolicyName = PolicyName, FirstEventId = FirstId,
            PersonalTime = PersonalSpans(),
        };

        /// <summary>The spans of <see cref="NextPersonalSpan"/>, counted, then filled: an array of their size instead of a list
        /// grown by doubling (a visit followed all day is taken with every batch that touches it).</summary>
        IReadOnlyList<PersonalSpan> PersonalSpans()
        {
            var count = 0;
            for (var cursor = 0; NextPersonalSpan(ref cursor, out _);) count++;
            if (count == 0) return [];
            var spans = new PersonalSpan[count];
            for (int cursor = 0, n = 0; n < count; n++) NextPersonalSpan(ref cursor, out spans[n]);
            return spans;
        }

        /// <summary>Where the time request <paramref name="i"/> owns ends: the next request's start, the last one's at the visit's end.</summary>
        Instant Until(int i) => i + 1 < _requestCount ? StartOf(_requests![i + 1]) : End;
    }

    public int OpenCount => _open.Count;

    /// <summary>An open visit with its key, strings and dictionary entry, as the managed heap holds it once its events are gone
    /// (measured: 446 bytes over 200,000 visits, a fifth with two requests; rounded up for the dictionary's growth).</summary>
    public const int BytesPerOpenVisit = 512;

    /// <summary>A request in an open visit's array: 8 bytes packed (start and verdict class) in an array that grows by doubling.</summary>
    public const int BytesPerRequest = 16;

    /// <summary>Requests held in the open visits' arrays: a visit followed all day holds one per request (a live feed's keys
    /// stay open while they recur: 163,989 in the 50,000 lines/s bench, ~10 requests each by two minutes).</summary>
    long _heldRequests;

    /// <summary>What the open visits take, estimated (<see cref="BytesPerOpenVisit"/>, <see cref="BytesPerRequest"/>): the
    /// live service's budget bounds this.</summary>
    public long HeldBytes => (long)_open.Count * BytesPerOpenVisit + _heldRequests * BytesPerRequest;

    static string? FirstRole(NetEvent e) => e.Attribution?.Roles is { Count: > 0 } roles ? roles[0] : null;

    /// <summary>The newest event time seen by <see cref="Add"/> (null before the first event).</summary>
    public Instant? Watermark { get; private set; }

    public static string? PersonOf(NetEvent e) => NullIfEmpty(e.UserName) ?? NullIfEmpty(e.SourceIp);

    /// <summary>The (person, domain) whose visit a request joins; null for what makes no visit (not a page view, or no one or
    /// nowhere to attribute the time to).</summary>
    public static (string Person, string Domain)? KeyOf(NetEvent e) =>
        EventKinds.IsPageView(e) && PersonOf(e) is { } person && DomainOf(e) is { } domain ? (person, domain) : null;
    public static string? DomainOf(NetEvent e) => NullIfEmpty(e.Url.RegisteredDomain) ?? NullIfEmpty(e.Url.Domain);
    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>
    /// Adds a request; returns the visit it closed (the person's previous visit to that domain), if any and unless its stored
    /// version is the visit as it stands (written by <see cref="TakeTouched"/> or reopened, unchanged since); with
    /// <paramref name="firstVersions"/>, a visit never stored goes there instead (as <see cref="TakeTouched"/>). Every event
    /// (a page view or not) advances <see cref="Watermark"/>; a visit already idle for longer than the gap at the
    /// watermark before this event is closed, as <see cref="CloseIdle"/> would have closed it, even if this request is
    /// within the gap of its end: so the visits do not depend on where a caller cuts the stream into batches.
    /// </summary>
    public Visit? Add(NetEvent e, List<IVisitView>? firstVersions = null)
    {
        var watermark = Watermark;
        if (watermark is null || e.Timestamp > watermark) Watermark = e.Timestamp;
        // A look-up or a firewall session is not time on a site; nor is a request with no one or nowhere to attribute it to.
        if (KeyOf(e) is not (string person, string domain)) return null;
        var start = e.Start ?? e.Timestamp;
        var end = e.End ?? e.Timestamp;
        if (end < start) (start, end) = (end, start);
        // One hash of the key for the look-up and the store (a new visit, nearly every request of an import, is both).
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_open, (person, domain), out var exists);
        OpenVisit? closed = null;
        if (exists)
        {
            var v = slot!;   // an existing key's slot holds its open visit (the default, null, is for a new key)
            var idle = watermark is { } w && w - v.End > IdleGap;
            if (!idle && start - v.End <= IdleGap && v.Start - end <= IdleGap)
            {
                if (start < v.Start)
                {
                    v.Start = start;
                    // The first request is the earliest to start (as when the events are grouped in order of start).
                    if (!v.Named) (v.FirstId, v.Role) = (e.Id, FirstRole(e));
                }
                if (end > v.End) v.End = end;
                if (_tracking && !v.Touched) _touched.Add(v);
                v.Count++;
                _heldRequests -= v.RequestCount;
                v.AddRequest(start, e.Policy?.Verdict);
                _heldRequests += v.RequestCount;
                v.Categories = SortedCategories.Union(v.Categories, e.Classification?.Categories);
                if (Verdicts.Severity(e.Policy?.Verdict) > Verdicts.Severity(v.Verdict))
                {
                    v.Verdict = e.Policy!.Verdict;
                    v.PolicyName = e.Policy.PolicyName;
                }
                v.Touched = true;
                return null;
            }
            if (!idle && end < v.Start)   // a late straggler from long before: a visit of its own
                return Closing(new OpenVisit(e, person, domain, start, end), firstVersions);
            Release(v);
            closed = v;
        }
        slot = new OpenVisit(e, person, domain, start, end);
        if (_tracking) _touched.Add(slot);
        if (_minEnd is not { } min || end < min) _minEnd = end;
        return closed is null ? null : Closing(closed, firstVersions);
    }

    /// <summary>
    /// A visit closed: null when its stored version is the visit as it stands; with <paramref name="firstVersions"/>, one never
    /// stored goes there as itself (null returned; closed, it no longer changes); else the visit as a record, to be stored
    /// replacing its earlier version.
    /// </summary>
    static Visit? Closing(OpenVisit v, List<IVisitView>? firstVersions)
    {
        if (v.StoredAsItStands) return null;
        if (v.Written || firstVersions is null) return v.ToVisit();
        firstVersions.Add(v); // closed: it no longer changes, so the visit itself stands for its record
        return null;
    }

    /// <summary>Closes the visits idle for longer than the gap at <paramref name="watermark"/> (e.g. the newest event's time);
    /// returns them but those whose stored version is the visit as it stands (written by <see cref="TakeTouched"/> or
    /// reopened, unchanged since: the live service wrote each at its last change, so most of its closes write nothing);
    /// with <paramref name="firstVersions"/>, those never stored go there instead (as <see cref="TakeTouched"/>).</summary>
    public IReadOnlyList<Visit> CloseIdle(Instant watermark, List<IVisitView>? firstVersions = null)
    {
        // Called with every batch, closing most of an import's visits: one pass, and a sort of the visits' starts (stable, as
        // the OrderBy it replaces: ties keep the dictionary's order) instead of LINQ's pairs, closures and key arrays.
        // Live, the watermark is the clock: a visit closes five minutes after its last request, so most batches close
        // none, and the pass is skipped while even the earliest end is within the gap.
        if (_minEnd is not { } earliest || watermark - earliest <= IdleGap) return [];
        // The list and the sort's array are kept from call to call (a backlog closes ~20,000 visits a batch: made afresh,
        // they were 24 of the fold's 304 MB there); the list is emptied on the way out, so it holds no visit.
        var closed = _closing;
        Instant? minEnd = null;
        foreach (var v in _open.Values)
            if (watermark - v.End > IdleGap) closed.Add(v);
            else if (minEnd is not { } m || v.End < m) minEnd = v.End;
        _minEnd = minEnd;
        if (closed.Count == 0) return [];
        if (_closingOrder.Length < closed.Count) _closingOrder = new (Instant, int)[closed.Capacity];
        var order = _closingOrder;
        for (var i = 0; i < closed.Count; i++)
        {
            Release(closed[i]);
            _open.Remove((closed[i].Person, closed[i].Domain));
            order[i] = (closed[i].Start, i);
        }
        Array.Sort(order, 0, closed.Count);
        var visits = new List<Visit>(closed.Count);
        for (var k = 0; k < closed.Count; k++)
            if (Closing(closed[order[k].Index], firstVersions) is { } visit) visits.Add(visit);
        closed.Clear();
        return visits;
    }

    /// <summary><see cref="CloseIdle"/>'s visits to close and their order by start (empty between calls).</summary>
    readonly List<OpenVisit> _closing = [];
    (Instant Start, int Index)[] _closingOrder = [];

    /// <summary>
    /// Opens a visit stored earlier (by a previous run, or a previous import), so that requests continuing it within the
    /// idle gap extend it (it keeps its first event, so it replaces the stored one) instead of starting another.
    /// A visit this aggregator evicted comes back with the requests its record could not say (<see cref="EvictedVisit.Requests"/>).
    /// </summary>
    public void Reopen(Visit visit, long[]? requests = null)
    {
        var key = (visit.Person, visit.Domain);
        if (_open.TryGetValue(key, out var open) && open.End >= visit.End) return;
        if (open is not null) Release(open);
        var reopened = _open[key] = new OpenVisit(visit, requests) { Touched = false, Written = true, Named = true };
        _heldRequests += reopened.RequestCount;
        if (_minEnd is not { } min || visit.End < min) _minEnd = visit.End;
    }

    /// <summary>A visit no longer open (closed, replaced or evicted): <see cref="TakeTouched"/> skips it, and its requests no
    /// longer count in <see cref="HeldBytes"/>. The caller removes it from the open visits, or puts another in its place.</summary>
    void Release(OpenVisit v)
    {
        v.Closed = true;
        _heldRequests -= v.RequestCount;
    }

    /// <summary>Whether a visit of this person to this domain is open.</summary>
    public bool IsOpen(string person, string domain) => _open.ContainsKey((person, domain));

    /// <summary>
    /// Leaves open visits out of memory until they take at most <paramref name="keepBytes"/> (<see cref="HeldBytes"/>):
    /// those with the oldest end first (the least likely to be continued). Only after <see cref="TakeTouched"/> with no
    /// change since, so that each is stored as it stands (the caller writes what TakeTouched gave before evicting); a
    /// request that continues one must find it in the store and <see cref="Reopen"/> it first. Returns what the caller must
    /// remember to find them (the Pipeline's EvictedVisits keeps them in a spill file).
    /// </summary>
    public IReadOnlyList<EvictedVisit> Evict(long keepBytes)
    {
        var evicted = new List<EvictedVisit>();
        Evict(keepBytes, (IVisitView visit, ReadOnlySpan<long> requests, bool lost) =>
        {
            var record = visit.ToVisit();
            evicted.Add(new EvictedVisit(record, lost ? requests.ToArray() : null));
        });
        return evicted;
    }

    /// <summary>What takes each visit <see cref="Evict(long, EvictedTo)"/> leaves out of memory, as it stands (valid during the
    /// call only) with the requests its record cannot rebuild when <paramref name="lost"/> (<see cref="EvictedVisit.Requests"/>).</summary>
    public delegate void EvictedTo(IVisitView visit, ReadOnlySpan<long> requests, bool lost);

    /// <summary>As <see cref="Evict(long)"/>, each visit handed to <paramref name="to"/> as it goes (no record made: the
    /// Pipeline's spill writes it as it stands); returns how many.</summary>
    public int Evict(long keepBytes, EvictedTo to)
    {
        if (HeldBytes <= keepBytes) return 0;
        // One pass over the open visits (their objects are scattered: the pass that touches them is the cost), into arrays
        // kept from call to call; then only the oldest are sorted. The live service evicts ~23,000 of ~360,000 open visits at
        // a time: a sort of all of them and two arrays of their size for each eviction (~9 MB of the large-object heap, which
        // starts gen2 collections) were most of the observer's CPU and allocation on the store thread.
        var count = _open.Count;
        if (_evictAll.Length < count) (_evictAll, _evictEnds) = (new OpenVisit[count + count / 4], new long[count + count / 4]);
        var (all, ends) = (_evictAll, _evictEnds);
        var n = 0;
        var (min, max) = (long.MaxValue, long.MinValue);
        foreach (var v in _open.Values)
        {
            if (v.Touched || !v.Written) throw new InvalidOperationException("an open visit changed since it was stored: take the touched visits and write them first");
            var end = v.End.ToUnixTimeTicks();
            (all[n], ends[n++]) = (v, end);
            if (end < min) min = end;
            if (end > max) max = end;
        }
        var order = OldestFirst(all, ends, n, min, max, HeldBytes - keepBytes);
        var evicted = 0;
        foreach (var (_, i) in order)
        {
            if (HeldBytes <= keepBytes) break;
            var v = all[i];
            Release(v);
            _open.Remove((v.Person, v.Domain));
            var lost = v.RequestsLost(ref _evictScratch, out var requests);
            to(v, requests, lost);
            evicted++;
        }
        Array.Clear(all, 0, n); // the array is kept: it must not keep the visits
        return evicted;
    }

    /// <summary>
    /// The first of the open visits in order of end (ties in the order listed, as a stable sort of them all would give), at
    /// least as many as free <paramref name="bytes"/>: the ends are counted into buckets of time, weighted by what each visit
    /// takes (<see cref="HeldBytes"/>), and only the visits of the buckets up to the one where the weight reaches
    /// <paramref name="bytes"/> are sorted. Each is (end, index into the lists).
    /// </summary>
    ArraySegment<(long End, int Index)> OldestFirst(OpenVisit[] all, long[] ends, int n, long min, long max, long bytes)
    {
        const int Buckets = 4096;
        var width = (ulong)(max - min) / Buckets + 1;
        Span<long> weights = new long[Buckets];
        for (var i = 0; i < n; i++) weights[(int)((ulong)(ends[i] - min) / width)] += BytesPerOpenVisit + (long)all[i].RequestCount * BytesPerRequest;
        var (cutoff, sum) = (0, weights[0]);
        while (sum < bytes && cutoff < Buckets - 1) sum += weights[++cutoff];
        var limit = min + (long)(((ulong)cutoff + 1) * width);   // ends before this are in the buckets up to the cutoff
        var m = 0;
        for (var i = 0; i < n; i++)
            if (ends[i] < limit || cutoff == Buckets - 1) m++;
        if (_evictOrder.Length < m) _evictOrder = new (long, int)[m + m / 4];
        var order = _evictOrder;
        m = 0;
        for (var i = 0; i < n; i++)
            if (ends[i] < limit || cutoff == Buckets - 1) order[m++] = (ends[i], i);
        Array.Sort(order, 0, m);
        return new ArraySegment<(long, int)>(order, 0, m);
    }

    /// <summary><see cref="Evict"/>'s open visits and their ends, and the order of the oldest (kept from call to call).</summary>
    OpenVisit[] _evictAll = [];
    long[] _evictEnds = [];
    (long End, int Index)[] _evictOrder = [];
    long[] _evictScratch = new long[16];

    /// <summary>
    /// The open visits changed since the last call (to be stored as they stand, each replacing its earlier version). With
    /// <paramref name="firstVersions"/>, those never stored before (no <see cref="Reopen"/>, no earlier take: their first
    /// event was new to this aggregator, so no stored visit has its id) go there instead, to be stored without looking for
    /// an earlier version to replace. Each is handed out as the visit itself (<see cref="IVisitView"/>), no record made: it
    /// changes with the next event added, so the caller stores it first.
    /// </summary>
    public IReadOnlyList<IVisitView> TakeTouched(List<IVisitView>? firstVersions = null)
    {
        // The first call looks at every open visit; from then on the visits changed are listed as they change.
        IEnumerable<OpenVisit> candidates = _tracking ? _touched : _open.Values;
        _tracking = true;
        var touched = new List<IVisitView>(_touched.Count);
        foreach (var v in candidates)
            if (v.Touched && !v.Closed)
            {
                v.Touched = false;
                (v.Written || firstVersions is null ? touched : firstVersions).Add(v);
                v.Written = v.Named = true;
            }
        _touched.Clear();
        _namedUpTo = 0;
        return touched;
    }

    /// <summary>
    /// The open visits changed since <see cref="TakeTouched"/> last looked keep their first event from now on, as if they
    /// had been taken and stored now, without taking them: a caller that takes the touched visits only every few batches
    /// (a live session kept open over several writes stores them once, at its commit) names them as one that took them
    /// after every batch would have (an earlier request that joins later does not rename the visit). Each visit is looked
    /// at once between two takes (those listed since the last call). Starts the list of touched visits if no take has.
    /// </summary>
    public void KeepNames()
    {
        if (!_tracking)
        {
            // As TakeTouched's first call: every open visit changed is listed, and from now on each as it changes.
            _tracking = true;
            foreach (var v in _open.Values)
                if (v.Touched) _touched.Add(v);
        }
        for (; _namedUpTo < _touched.Count; _namedUpTo++) _touched[_namedUpTo].Named = true;
    }

    /// <summary>Closes every open visit (end of input): returns those whose stored version is not the visit as it stands.</summary>
    public IReadOnlyList<Visit> Flush()
    {
        var all = _open.Values.Where(v => !v.StoredAsItStands).Select(v => v.ToVisit()).OrderBy(x => x.Start).ToList();
        foreach (var v in _open.Values) v.Closed = true;
        _open.Clear();
        _heldRequests = 0;
        _touched.Clear();
        _namedUpTo = 0;
        _minEnd = null;
        return all;
    }

    /// <summary>
    /// All visits of a set of events, in order of start. The events are added in time order (<c>@timestamp</c>, as a log
    /// holds them; ties in the order given), as the visits observer sees them, so the watermark closes the same visits.
    /// </summary>
    public static IReadOnlyList<Visit> Group(IEnumerable<NetEvent> events, Duration? idleGap = null)
    {
        var aggregator = new VisitAggregator(idleGap);
        var visits = new List<Visit>();
        foreach (var e in events.OrderBy(e => e.Timestamp))
            if (aggregator.Add(e) is { } closed) visits.Add(closed);
        visits.AddRange(aggregator.Flush());
        return visits.OrderBy(v => v.Start).ThenBy(v => v.Person, StringComparer.Ordinal).ThenBy(v => v.Domain, StringComparer.Ordinal).ToList();
    }
}
