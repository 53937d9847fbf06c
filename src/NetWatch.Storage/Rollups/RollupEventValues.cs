using NetWatch.Core.Events;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// One event's values of every column a roll-up keys on, typed (no reader delegates, no boxing), each with its hash
/// (<see cref="RollupValues"/>): a value the same object as the previous event's keeps its hash, so that the text of a
/// school, a verdict or a list of categories repeated from event to event is not hashed again. The values are those the
/// events table stores (<see cref="RollupTables.Reader"/>; RollupCounterTests hold the two to each other).
/// </summary>
internal sealed class RollupEventValues
{
    public string? School, Verdict, Action, Kind, Group, Dataset, Theme, User, Domain, Registered;
    public IReadOnlyList<string>? Categories, Roles;
    public int? Severity;
    public int SchoolHash, VerdictHash, ActionHash, KindHash, GroupHash, DatasetHash, ThemeHash, UserHash, DomainHash, RegisteredHash;
    public int CategoriesHash, RolesHash, SeverityHash;

    public RollupEventValues() => Forget();

    /// <summary>Reads <paramref name="e"/>'s values and their hashes.</summary>
    public void Read(NetEvent e)
    {
        var classification = e.Classification;
        var attribution = e.Attribution;
        Set(ref School, ref SchoolHash, e.Organization?.Id);
        Set(ref Categories, ref CategoriesHash, classification?.Categories);
        Set(ref Verdict, ref VerdictHash, e.Policy?.Verdict);
        Set(ref Action, ref ActionHash, e.Action);
        Set(ref Kind, ref KindHash, RollupTables.KindOf(e));
        Set(ref Roles, ref RolesHash, attribution?.Roles);
        Set(ref Group, ref GroupHash, attribution?.GroupName);
        Set(ref Dataset, ref DatasetHash, e.Dataset);
        Set(ref Theme, ref ThemeHash, classification?.SafeguardingTheme);
        Severity = classification?.SafeguardingSeverity;
        SeverityHash = RollupValues.Hash(Severity);
        Set(ref User, ref UserHash, e.UserName);
        Set(ref Domain, ref DomainHash, e.Url.Domain);
        Set(ref Registered, ref RegisteredHash, e.Url.RegisteredDomain);
    }

    /// <summary>Drops the values held (a session's end: they would keep its strings alive).</summary>
    public void Forget()
    {
        School = Verdict = Action = Kind = Group = Dataset = Theme = User = Domain = Registered = null;
        Categories = Roles = null;
        Severity = null;
        SchoolHash = VerdictHash = ActionHash = KindHash = GroupHash = DatasetHash = ThemeHash = UserHash = DomainHash = RegisteredHash = 1;
        CategoriesHash = RolesHash = SeverityHash = 1;
    }

    private static void Set(ref string? value, ref int hash, string? next)
    {
        if (ReferenceEquals(value, next)) return; // null's hash is 1 whatever came before
        value = next;
        hash = RollupValues.Hash(next);
    }

    private static void Set(ref IReadOnlyList<string>? value, ref int hash, IReadOnlyList<string>? next)
    {
        if (ReferenceEquals(value, next)) return;
        value = next;
        hash = RollupValues.Hash(next);
    }
}
