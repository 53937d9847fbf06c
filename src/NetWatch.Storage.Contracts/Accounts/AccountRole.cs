namespace NetWatch.Storage.Contracts.Accounts;

/// <summary>What an account may do (the API's access matrix says which routes each role reaches).</summary>
public enum AccountRole
{
    /// <summary>Designated Safeguarding Lead: every person's events, visits and findings, with names.</summary>
    Dsl,
    /// <summary>Deputy DSL: as the DSL.</summary>
    DeputyDsl,
    /// <summary>Senior Leadership Team: aggregates, with people pseudonymised.</summary>
    Slt,
    /// <summary>Auditor: searches and exports of events, and the audit log; each search states a purpose.</summary>
    Auditor,
    /// <summary>ICT administrator: health, sources, dead letters, accounts; nobody's browsing.</summary>
    IctAdmin,
}

/// <summary>The roles' names as the CLI, the API and the store spell them.</summary>
public static class AccountRoles
{
    public static readonly IReadOnlyList<AccountRole> All = Enum.GetValues<AccountRole>();

    public static string Name(AccountRole role) => role switch
    {
        AccountRole.Dsl => "dsl",
        AccountRole.DeputyDsl => "deputy-dsl",
        AccountRole.Slt => "slt",
        AccountRole.Auditor => "auditor",
        AccountRole.IctAdmin => "ict-admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? text, out AccountRole role)
    {
        foreach (var r in All)
        {
            if (string.Equals(Name(r), text, StringComparison.OrdinalIgnoreCase)) { role = r; return true; }
        }
        role = default;
        return false;
    }

    /// <summary>"dsl, deputy-dsl, ..." for messages.</summary>
    public static string List => string.Join(", ", All.Select(Name));
}
