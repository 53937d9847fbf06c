using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
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

    /// <param name="limited">Set by the rate limiter's redirect (WebServices): this address made too many attempts.</param>
    public IActionResult OnGet(string? returnUrl, bool limited = false)
    {
        if (ApiUser.From(User) is { } user) return Redirect(WebPaths.Home(user.Role));
        ReturnUrl = returnUrl;
        var page = Page();
        if (limited)
        {
            Error = $"Too many sign-in attempts from this computer: at most {options.SignInsPerMinute} a minute. Wait a minute, then try again.";
            page.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        return page;
    }

    /// <summary>Failed sign-ins in a row that lock an account, and for how many minutes (the API's settings).</summary>
    public string LockoutRule => $"After {options.MaxFailedSignIns} wrong passwords in a row an account is locked for {options.Lockout.TotalMinutes:0} minutes.";

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
            Error = "That name and password do not match an account that can sign in now. Check them. " + LockoutRule;
            return Page();
        }
        await HttpContext.SignInAsync(Schemes.Cookie, ApiUser.Principal(account, Schemes.Cookie));
        return Redirect(SignInDestination.For(account.Role, returnUrl));
    }
}
