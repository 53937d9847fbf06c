namespace NetWatch.Web.Pages;

/// <summary>Where a signed-in account lands when it asks for another role's page.</summary>
public sealed class DeniedModel : WebPage
{
    public void OnGet() { }
}
