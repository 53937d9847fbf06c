using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Web.Pages;

/// <summary>
/// A role as people in a school say it ("Deputy DSL", "ICT admin"); the lower-case names ("deputy-dsl") stay the
/// CLI's, the API's and the store's, and the accounts page shows both, since ICT types the latter in `netwatch users`.
/// </summary>
public static class RoleLabel
{
    public static string Of(AccountRole role) => role switch
    {
        AccountRole.Dsl => "DSL",
        AccountRole.DeputyDsl => "Deputy DSL",
        AccountRole.Slt => "SLT",
        AccountRole.Auditor => "Auditor",
        AccountRole.IctAdmin => "ICT admin",
        _ => AccountRoles.Name(role),
    };
}
