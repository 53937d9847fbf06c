using Microsoft.AspNetCore.Mvc.RazorPages;
using NetWatch.Api;
using NetWatch.Api.Auth.Oidc;

namespace NetWatch.Web.Pages;

/// <summary>Says why the school's provider's sign-in did not let someone in (<see cref="OidcRefusal"/>): no role, a disabled account, a failed answer.</summary>
public sealed class SignInRefusedModel(ApiOptions options) : PageModel
{
    public const string Path = "/signin/refused";

    public OidcRefusal Reason { get; private set; }
    public string Provider => options.Oidc?.DisplayName ?? "your school account";

    public void OnGet(string? reason) => Reason = OidcRefusals.Parse(reason);
}
