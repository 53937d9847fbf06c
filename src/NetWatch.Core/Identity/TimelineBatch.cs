using System.Buffers;

namespace NetWatch.Core.Identity;

public sealed partial class AddressTimeline
{
    /// <summary>One reader's look-ups for one batch of events: see <see cref="StartBatch"/>.</summary>
    public ref struct TimelineBatch
    {
        // How many events ahead the batch asks for the stretches' starts; half as far on, it settles each event's
        // stretch and asks for its moment; a quarter as far on, for the name expected there.
        private const int Ahead = 16;
        // _addresses before Locate: an IPv4 address whose number is still to be looked up.
        private const int Pending = -2;

        private readonly AddressTimeline _timeline;
        private readonly int _count;
        private readonly int[] _cursors;
        private readonly LoginOutcome[] _logins;
        // By event: its IPv4 address; the address's number (-1: unknown); where its stretch likely is (its cursor,
        // the search's first guess, then the stretch itself; -1: not known yet); its instant (Unix ticks).
        private readonly uint[] _keys;
        private readonly int[] _addresses;
        private readonly int[] _hints;
        private readonly long[] _instants;

        internal TimelineBatch(AddressTimeline timeline, int count, AddressCursors cursors)
        {
            (_timeline, _count, _cursors, _logins) = (timeline, count, cursors.Items, cursors.Logins);
            _keys = ArrayPool<uint>.Shared.Rent(count);
            _addresses = ArrayPool<int>.Shared.Rent(count);
            _hints = ArrayPool<int>.Shared.Rent(count);
            _instants = ArrayPool<long>.Shared.Rent(count);
        }

        /// <summary>Event <paramref name="i"/> comes from <paramref name="ip"/> at <paramref name="from"/> (Unix ticks).</summary>
        public readonly void Add(int i, string? ip, long from)
        {
            _instants[i] = from;
            if (IpKey.TryParseIPv4(ip, out _keys[i]))
            {
                _addresses[i] = Pending;
                _timeline._v4.Prefetch(_keys[i]);
            }
            else _addresses[i] = IpKey.TryParse(ip, out var v6) && _timeline._v6.TryGetValue(v6, out var address) ? address : -1;
        }

        /// <summary>Every added event's address number and cursor.</summary>
        public readonly void Locate()
        {
            for (var i = 0; i < _count; i++)
            {
                if (_addresses[i] == Pending && !_timeline._v4.TryGetValue(_keys[i], out _addresses[i])) _addresses[i] = -1;
                var address = _addresses[i];
                _hints[i] = address < 0 ? -1 : _cursors[address];
                if (address >= 0 && _hints[i] < 0) CacheHint.Prefetch(ref _timeline._ranges[address]);
            }
        }

        public readonly void Prefetch(int i)
        {
            if (i + Ahead < _count && _addresses[i + Ahead] is var far and >= 0)
            {
                // Without a cursor, the search will look where the guess lands first.
                ref var hint = ref _hints[i + Ahead];
                if (hint < 0) hint = Guess(_timeline._ranges[far], _instants[i + Ahead]);
                // The starts from the stretch before (Squid logs a request when it ends) to the end of the second after.
                CacheHint.Prefetch(ref _timeline._starts[Math.Max(hint - 1, 0)], count: 5);
            }
            if (i + Ahead / 2 < _count && _addresses[i + Ahead / 2] is var near and >= 0)
            {
                // The starts asked for above have come: the event's own stretch can be settled, and its moment asked for.
                ref var hint = ref _hints[i + Ahead / 2];
                hint = _timeline.StretchFrom(hint < 0 ? _cursors[near] : hint, near, _instants[i + Ahead / 2]);
                CacheHint.Prefetch(ref _timeline._moments[hint]);
            }
            // (The batch's first events were never settled: their hints are their cursors, or -1.)
            if (i + Ahead / 4 < _count && _addresses[i + Ahead / 4] is var next and >= 0 && _hints[i + Ahead / 4] is var settled and >= 0)
            {
                // The moment has come: ask for the name expected there (a new stretch, a new person at the keyboard,
                // usually expects another name), or where nobody is expected, for the last login seen there.
                if (_timeline._moments[settled].ExpectedName is { } expected) CacheHint.Prefetch(expected);
                else CacheHint.Prefetch(ref _logins[next]);
            }
        }

        /// <summary>Event <paramref name="i"/>'s moment (see <see cref="AddressTimeline.At"/>); events in order.</summary>
        public readonly ref readonly AddressMoment At(int i, long from, long latest, out bool ambiguous)
        {
            var address = _addresses[i];
            ambiguous = false;
            if (address < 0) return ref AddressMoment.Unknown;
            // The hint is one of the address's stretches: holding the instant, it is the one.
            var hint = _hints[i];
            var at = hint >= 0 && _timeline._starts[hint] <= from && from < _timeline._starts[hint + 1]
                ? hint : _timeline.StretchFrom(_cursors[address], address, from);
            _cursors[address] = at;
            ambiguous = _timeline.IsAmbiguous(at, latest);
            return ref _timeline._moments[at];
        }

        /// <summary>The last login where nobody was expected at event <paramref name="i"/>'s address (see
        /// <see cref="LoginOutcome"/>); addresses the timeline does not know share one.</summary>
        internal readonly ref LoginOutcome LastLogin(int i) => ref _logins[_addresses[i] is var address and >= 0 ? address : _logins.Length - 1];

        public readonly void Dispose()
        {
            ArrayPool<uint>.Shared.Return(_keys);
            ArrayPool<int>.Shared.Return(_addresses);
            ArrayPool<int>.Shared.Return(_hints);
            ArrayPool<long>.Shared.Return(_instants);
        }
    }
}
