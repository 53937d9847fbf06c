using Microsoft.AspNetCore.Mvc;
using NetWatch.Web.Hosting;

namespace NetWatch.Web.Pages;

/// <summary>The root sends each role to its own home page.</summary>
public sealed class IndexModel : WebPage
{
    public IActionResult OnGet() => Redirect(WebPaths.Home(Me.Role));
}
