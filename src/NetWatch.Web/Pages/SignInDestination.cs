using NetWatch.Api.Auth.Oidc;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Web.Hosting;

namespace NetWatch.Web.Pages;

/// <summary>
/// Where a signed-in account goes: the page it asked for when that is one of its own role's (a local path under its
/// home), else its home. Only a local path is followed: a sign-in link must not send anyone to another site.
/// </summary>
public static class SignInDestination
{
    public static string For(AccountRole role, string? returnUrl)
    {
        var home = WebPaths.Home(role);
        return returnUrl is { Length: > 1 } && IsLocal(returnUrl) && returnUrl.StartsWith(home, StringComparison.OrdinalIgnoreCase) ? returnUrl : home;
    }

    /// <summary>A path on this site: "/x", not "//host" or "/\host" (which browsers read as another host), no scheme.</summary>
    public static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl);
}

/// <summary>
/// The provider's sign-in ends on the web app's pages: a signed-in account at <c>/signin/complete</c>, which moves on
/// to its destination; a refused person at <c>/signin/refused</c>, which says why.
/// </summary>
public sealed class WebOidcPages : IOidcPages
{
    public string SignedIn(Account account, string? returnUrl) =>
        SignInCompleteModel.Path + "?to=" + Uri.EscapeDataString(SignInDestination.For(account.Role, returnUrl));

    public string Refused(OidcRefusal refusal) => SignInRefusedModel.Path + "?reason=" + OidcRefusals.Name(refusal);
}
