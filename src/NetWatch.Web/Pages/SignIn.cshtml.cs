using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using NetWatch.Api.Access;
using NetWatch.Api;
using NetWatch.Api.Auth;
using NetWatch.Api.Auth.Oidc;
using NetWatch.Api.Routes;
using NetWatch.Web.Hosting;

namespace NetWatch.Web.Pages;

/// <summary>
/// Sign-in with an account of the service API: the API's <see cref="SignInService"/> checks the password, counts
/// failures, locks and records the attempt; the same session cookie as <c>POST /api/session</c> is issued. Rate-limited
/// per client address like the API's sign-in. Each role then lands on its own home page. When the school's OpenID
/// Connect provider is configured, the page also offers "Sign in with PROVIDER" (<see cref="OnGetProvider"/>).
/// </summary>
[EnableRateLimiting(SessionRoutes.SignInRateLimit)]
public sealed class SignInModel(SignInService signIn, ApiOptions options) : PageModel
{
    public string? Error { get; private set; }
    public string? Name { get; private set; }
    public string? ReturnUrl { get; private set; }

    /// <summary>The school's OpenID Connect provider's name ("Microsoft"), or null when it is not configured.</summary>
    public string? Provider => options.Oidc?.DisplayName;

    public IActionResult OnGet(string? returnUrl)
    {
        if (ApiUser.From(User) is { } user) return Redirect(WebPaths.Home(user.Role));
        ReturnUrl = returnUrl;
        return Page();
    }

    /// <summary>Starts the sign-in at the school's provider (<c>/signin?handler=provider</c>); it comes back to the OIDC callback.</summary>
    public IActionResult OnGetProvider(string? returnUrl)
    {
        if (options.Oidc is null) return NotFound();
        var properties = new AuthenticationProperties();
        if (returnUrl is not null) properties.Items[OidcAuthentication.ReturnUrlItem] = returnUrl;
        return Challenge(properties, Schemes.Oidc);
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? password, string? returnUrl, CancellationToken cancel)
    {
        Name = name;
        ReturnUrl = returnUrl;
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(password))
        {
            Error = "Enter your account name and password.";
            return Page();
        }
        var account = await signIn.SignInAsync(name.Trim(), password, cancel);
        if (account is null)
        {
            Error = "That name and password do not match an account that can sign in now. Check them; after 5 failures in a row the account is locked for 15 minutes.";
            return Page();
        }
        await HttpContext.SignInAsync(Schemes.Cookie, ApiUser.Principal(account, Schemes.Cookie));
        return Redirect(SignInDestination.For(account.Role, returnUrl));
    }
}
