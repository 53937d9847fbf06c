using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>A <see cref="RollupTables.Sites"/> row's key: the day and its four columns, in the table's order. Made from a
/// people row's key (<see cref="RollupCounter"/>): the sites' columns are a subset of the people's, a day a set of hours.</summary>
internal readonly struct SitesRollupKey : IRollupKey, IEquatable<SitesRollupKey>
{
    private readonly long _day;
    private readonly string? _school, _user, _domain, _registered;
    private readonly int _hash;

    public SitesRollupKey(long day, in PeopleRollupKey people)
    {
        (_day, _school, _user, _domain, _registered) = (day, people.School, people.User, people.Domain, people.Registered);
        _hash = HashCode.Combine(day, RollupValues.Hash(_school), RollupValues.Hash(_user), RollupValues.Hash(_domain), RollupValues.Hash(_registered));
    }

    public Instant Hour => Instant.FromUnixTimeTicks(_day);

    public long HourTicks => _day;

    public int Count => 4;

    public int Hash => _hash;

    public object? this[int i] => i switch
    {
        0 => _school,
        1 => _user,
        2 => _domain,
        3 => _registered,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    public bool Equals(SitesRollupKey o) => _hash == o._hash && _day == o._day && string.Equals(_user, o._user)
        && string.Equals(_domain, o._domain) && string.Equals(_registered, o._registered) && string.Equals(_school, o._school);

    public override bool Equals(object? obj) => obj is SitesRollupKey o && Equals(o);

    public override int GetHashCode() => _hash;
}
