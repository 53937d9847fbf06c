namespace NetWatch.Api.Auth;

/// <summary>
/// The authentication schemes: a request with <c>Authorization: Bearer</c> is judged by its token (the CLI,
/// scripts), any other by the session cookie (the web app). <see cref="Default"/> picks between them per request.
/// </summary>
public static class Schemes
{
    public const string Default = "netwatch";
    public const string Cookie = "netwatch-cookie";
    public const string Bearer = "netwatch-bearer";
    public const string CookieName = "netwatch.session";
    /// <summary>The school's OpenID Connect provider (when <c>api.oidc</c> is configured): it signs into <see cref="Cookie"/>.</summary>
    public const string Oidc = "netwatch-oidc";
}
