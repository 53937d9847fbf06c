using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>A <see cref="RollupTables.Events"/> row's key: the hour and its ten columns, in the table's order.</summary>
internal readonly struct EventsRollupKey : IRollupKey, IEquatable<EventsRollupKey>
{
    private readonly long _hour;
    private readonly string? _school, _verdict, _action, _kind, _group, _dataset, _theme;
    private readonly IReadOnlyList<string>? _categories, _roles;
    private readonly int? _severity;
    private readonly int _hash;

    public EventsRollupKey(long hour, RollupEventValues v)
    {
        (_hour, _school, _categories, _verdict, _action, _kind) = (hour, v.School, v.Categories, v.Verdict, v.Action, v.Kind);
        (_roles, _group, _dataset, _theme, _severity) = (v.Roles, v.Group, v.Dataset, v.Theme, v.Severity);
        var hash = new HashCode();
        hash.Add(hour);
        hash.Add(v.SchoolHash);
        hash.Add(v.CategoriesHash);
        hash.Add(v.VerdictHash);
        hash.Add(v.ActionHash);
        hash.Add(v.KindHash);
        hash.Add(v.RolesHash);
        hash.Add(v.GroupHash);
        hash.Add(v.DatasetHash);
        hash.Add(v.ThemeHash);
        hash.Add(v.SeverityHash);
        _hash = hash.ToHashCode();
    }

    public Instant Hour => Instant.FromUnixTimeTicks(_hour);

    public long HourTicks => _hour;

    public int Count => 10;

    public int Hash => _hash;

    public object? this[int i] => i switch
    {
        0 => _school,
        1 => _categories,
        2 => _verdict,
        3 => _action,
        4 => _kind,
        5 => _roles,
        6 => _group,
        7 => _dataset,
        8 => _theme,
        9 => RollupValues.Boxed(_severity),
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    public bool Equals(EventsRollupKey o) => _hash == o._hash && _hour == o._hour && _severity == o._severity
        && string.Equals(_school, o._school) && string.Equals(_verdict, o._verdict) && string.Equals(_action, o._action)
        && string.Equals(_kind, o._kind) && string.Equals(_group, o._group) && string.Equals(_dataset, o._dataset)
        && string.Equals(_theme, o._theme) && RollupValues.Same(_categories, o._categories) && RollupValues.Same(_roles, o._roles);

    public override bool Equals(object? obj) => obj is EventsRollupKey o && Equals(o);

    public override int GetHashCode() => _hash;
}
