using Microsoft.AspNetCore.Mvc.RazorPages;
using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Web.Pages;

/// <summary>A page of a signed-in account: who it is (as the API sees the cookie), and the page's heading for the layout.</summary>
public abstract class WebPage : PageModel
{
    /// <summary>The signed-in account (pages other than sign-in are reached only signed in).</summary>
    public ApiUser Me => ApiUser.From(User) ?? throw new InvalidOperationException("a page of a signed-in account was reached signed out");

    public bool SignedIn => ApiUser.From(User) is not null;

    public string RoleName => RoleLabel.Of(Me.Role);

    /// <summary>A message shown at the top of the page after an action (a reveal, a refusal).</summary>
    public string? Notice { get; set; }
    public bool NoticeIsError { get; set; }
}
