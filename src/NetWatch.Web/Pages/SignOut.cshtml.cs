using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetWatch.Api.Auth;
using NetWatch.Web.Hosting;

namespace NetWatch.Web.Pages;

/// <summary>Sign out (a form post with the anti-forgery token; a link could be forged by another site).</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(Schemes.Cookie);
        return Redirect(WebPaths.SignIn);
    }
}
