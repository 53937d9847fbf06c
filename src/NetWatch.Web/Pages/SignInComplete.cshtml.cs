using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NetWatch.Web.Pages;

/// <summary>
/// The provider's sign-in lands here, then moves on by a same-site navigation (a meta refresh and a link). The session
/// cookie is SameSite=Strict: a browser does not send it with navigations a chain of redirects from another site
/// started, so going straight from the provider's redirect to the home page would show it signed out.
/// </summary>
public sealed class SignInCompleteModel : PageModel
{
    public const string Path = "/signin/complete";

    public string To { get; private set; } = "/";

    public void OnGet(string? to) => To = to is { Length: > 0 } && SignInDestination.IsLocal(to) ? to : "/";
}
