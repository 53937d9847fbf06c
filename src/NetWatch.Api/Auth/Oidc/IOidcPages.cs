using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Auth.Oidc;

/// <summary>
/// Where the browser goes after the provider's answer: the web app's pages (it registers its own). The default, for
/// a host without pages, sends a signed-in person to "/" and a refused one to "/" with the reason.
/// </summary>
public interface IOidcPages
{
    /// <summary>Where <paramref name="account"/> goes once signed in; <paramref name="returnUrl"/> is what the sign-in was started for (unchecked).</summary>
    string SignedIn(Account account, string? returnUrl);

    string Refused(OidcRefusal refusal);
}

internal sealed class RootOidcPages : IOidcPages
{
    public string SignedIn(Account account, string? returnUrl) => "/";
    public string Refused(OidcRefusal refusal) => "/?oidc=" + OidcRefusals.Name(refusal);
}
