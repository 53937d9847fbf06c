using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Access;

/// <summary>
/// Who may see what (issue 14, "who may see what"; the README's table is this one): each capability and the roles
/// that have it. Routes name a capability; a school-scoped account additionally sees only its school's records.
/// </summary>
public static class AccessMatrix
{
    /// <summary>Events (search, export, one event, who visited a site, a person's activity) with names.</summary>
    public const string Events = "events";
    /// <summary>Visits (time on site) and findings, with names.</summary>
    public const string Safeguarding = "safeguarding";
    /// <summary>Aggregates for dashboards (the SLT sees people pseudonymised).</summary>
    public const string Aggregates = "aggregates";
    /// <summary>Revealing the person behind a pseudonym, with a reason.</summary>
    public const string Reveal = "reveal";
    /// <summary>The audit log.</summary>
    public const string Audit = "audit";
    /// <summary>Sources, their positions, and dead letters.</summary>
    public const string Operations = "operations";
    /// <summary>Accounts.</summary>
    public const string Accounts = "accounts";
    /// <summary>A subject-access export: everything held about one person (UK GDPR Article 15).</summary>
    public const string SubjectAccess = "subject-access";
    /// <summary>DSL alerts: triage (list, evidence, acknowledge, assign, note, close), suppressions, the live feed.</summary>
    public const string Alerts = "alerts";
    /// <summary>Any signed-in account (who am I, sign out).</summary>
    public const string SignedIn = "signed-in";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<AccountRole>> Roles = new Dictionary<string, IReadOnlyList<AccountRole>>
    {
        [Events] = [AccountRole.Dsl, AccountRole.DeputyDsl, AccountRole.Auditor],
        [Safeguarding] = [AccountRole.Dsl, AccountRole.DeputyDsl],
        [Alerts] = [AccountRole.Dsl, AccountRole.DeputyDsl],
        [Aggregates] = [AccountRole.Dsl, AccountRole.DeputyDsl, AccountRole.Slt],
        [Reveal] = [AccountRole.Slt],
        [Audit] = [AccountRole.Auditor],
        [Operations] = [AccountRole.IctAdmin],
        [Accounts] = [AccountRole.IctAdmin],
        [SubjectAccess] = [AccountRole.Dsl, AccountRole.DeputyDsl, AccountRole.Auditor],
        [SignedIn] = AccountRoles.All,
    };

    public static bool Allows(string capability, AccountRole role) => Roles[capability].Contains(role);

    /// <summary>Roles whose requests must state a purpose (every read of personal data by them is for a stated reason).</summary>
    public static bool NeedsPurpose(AccountRole role) => role == AccountRole.Auditor;

    /// <summary>Roles that see people only as pseudonyms.</summary>
    public static bool Pseudonymised(AccountRole role) => role == AccountRole.Slt;
}
