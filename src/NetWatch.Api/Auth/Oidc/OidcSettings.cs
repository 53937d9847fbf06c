namespace NetWatch.Api.Auth.Oidc;

/// <summary>
/// Sign-in through a school's OpenID Connect provider (Microsoft Entra ID, Google Workspace): the <c>api.oidc</c>
/// section. The provider is found from <see cref="Issuer"/> (its discovery document); NetWatch is a confidential
/// client (<see cref="ClientId"/>, <see cref="ClientSecret"/>) using the authorization code flow with PKCE; who gets
/// which role is <see cref="Roles"/>.
/// </summary>
public sealed record OidcSettings
{
    /// <summary>Where the provider is reached after the sign-in (its redirect URI is the service's address + this).</summary>
    public const string DefaultCallbackPath = "/signin-oidc";

    /// <summary>The issuer, exactly as the provider's id tokens say it (Entra: https://login.microsoftonline.com/TENANT/v2.0).</summary>
    public required Uri Issuer { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The client secret (read from <c>client_secret_file</c> or given as <c>client_secret</c>).</summary>
    public required string ClientSecret { get; init; }

    /// <summary>The provider's name on the sign-in page: "Sign in with Microsoft".</summary>
    public string DisplayName { get; init; } = "your school account";

    /// <summary>Scopes asked for besides <c>openid</c>.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["profile", "email"];

    /// <summary>The path of the redirect URI on this service.</summary>
    public string CallbackPath { get; init; } = DefaultCallbackPath;

    /// <summary>Who gets which role and school.</summary>
    public required OidcRoleMap Roles { get; init; }

    /// <summary>
    /// A provider reached over plain HTTP is accepted only on a loopback address (a test issuer): elsewhere its keys
    /// and tokens could be changed on the way.
    /// </summary>
    public bool IsLoopbackHttp => Issuer.Scheme == Uri.UriSchemeHttp && Issuer.IsLoopback;

    public void Validate()
    {
        if (!Issuer.IsAbsoluteUri || Issuer.Scheme != Uri.UriSchemeHttps && !IsLoopbackHttp)
            throw new ArgumentException($"api oidc issuer '{Issuer}' must be an https URL");
        if (ClientId.Length == 0) throw new ArgumentException("api oidc needs a client_id");
        if (ClientSecret.Length == 0) throw new ArgumentException("api oidc needs a client secret");
        if (Roles.Mappings.Count == 0) throw new ArgumentException("api oidc roles map nothing: nobody could sign in");
        if (!CallbackPath.StartsWith('/')) throw new ArgumentException($"api oidc callback_path '{CallbackPath}' must start with '/'");
    }
}
