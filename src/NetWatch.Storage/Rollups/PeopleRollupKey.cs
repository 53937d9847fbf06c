using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>A <see cref="RollupTables.People"/> row's key: the hour and its eight columns, in the table's order.</summary>
internal readonly struct PeopleRollupKey : IRollupKey, IEquatable<PeopleRollupKey>
{
    private readonly long _hour;
    private readonly string? _school, _verdict, _action, _kind, _user, _domain, _registered;
    private readonly IReadOnlyList<string>? _categories;
    private readonly int _hash;

    public PeopleRollupKey(long hour, RollupEventValues v)
    {
        (_hour, _school, _categories, _verdict, _action, _kind) = (hour, v.School, v.Categories, v.Verdict, v.Action, v.Kind);
        (_user, _domain, _registered) = (v.User, v.Domain, v.Registered);
        var hash = new HashCode();
        hash.Add(hour);
        hash.Add(v.SchoolHash);
        hash.Add(v.CategoriesHash);
        hash.Add(v.VerdictHash);
        hash.Add(v.ActionHash);
        hash.Add(v.KindHash);
        hash.Add(v.UserHash);
        hash.Add(v.DomainHash);
        hash.Add(v.RegisteredHash);
        _hash = hash.ToHashCode();
    }

    public Instant Hour => Instant.FromUnixTimeTicks(_hour);

    public long HourTicks => _hour;

    public int Count => 8;

    public int Hash => _hash;

    public string? School => _school;

    public string? User => _user;

    public string? Domain => _domain;

    public string? Registered => _registered;

    public object? this[int i] => i switch
    {
        0 => _school,
        1 => _categories,
        2 => _verdict,
        3 => _action,
        4 => _kind,
        5 => _user,
        6 => _domain,
        7 => _registered,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    public bool Equals(PeopleRollupKey o) => _hash == o._hash && _hour == o._hour
        && string.Equals(_user, o._user) && string.Equals(_domain, o._domain) && string.Equals(_registered, o._registered)
        && string.Equals(_school, o._school) && string.Equals(_verdict, o._verdict) && string.Equals(_action, o._action)
        && string.Equals(_kind, o._kind) && RollupValues.Same(_categories, o._categories);

    public override bool Equals(object? obj) => obj is PeopleRollupKey o && Equals(o);

    public override int GetHashCode() => _hash;
}
