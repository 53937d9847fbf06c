using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using NetWatch.Api.Access;

namespace NetWatch.Api.Auth.Oidc;

/// <summary>
/// The OpenID Connect scheme (ASP.NET Core's handler): authorization code flow with PKCE as a confidential client,
/// the id token's signature, issuer, audience, lifetime and nonce checked by the handler against the provider's
/// discovery document and keys. A validated person becomes an account (<see cref="OidcSignIn"/>) and signs into the
/// same session cookie as a password sign-in; a refused one is sent to the page that says why.
/// </summary>
public static class OidcAuthentication
{
    /// <summary>The item of the challenge's properties that carries the page the sign-in was started for.</summary>
    public const string ReturnUrlItem = "returnUrl";

    public static AuthenticationBuilder AddNetWatchOidc(this AuthenticationBuilder auth, OidcSettings settings, ApiOptions options)
    {
        settings.Validate();
        auth.Services.AddSingleton(settings);
        auth.Services.AddSingleton<OidcSignIn>();
        auth.Services.TryAddSingleton<IOidcPages, RootOidcPages>();
        return auth.AddOpenIdConnect(Schemes.Oidc, settings.DisplayName, oidc =>
        {
            oidc.Authority = settings.Issuer.ToString();
            oidc.RequireHttpsMetadata = !settings.IsLoopbackHttp;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            // The answer comes back as a top-level GET (query), so the correlation and nonce cookies can be SameSite=Lax
            // (form_post needs SameSite=None, which browsers refuse without HTTPS).
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.CallbackPath = settings.CallbackPath;
            oidc.SignInScheme = Schemes.Cookie;
            oidc.Scope.Clear();
            oidc.Scope.Add(OpenIdConnectScope.OpenId);
            foreach (var scope in settings.Scopes) oidc.Scope.Add(scope);
            // The provider's claim names as they are ("sub", "email", "roles", "groups"), not mapped to WS-* URIs.
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.SaveTokens = false;
            oidc.TokenValidationParameters.ValidIssuer = settings.Issuer.ToString();
            oidc.TokenValidationParameters.ValidAudience = settings.ClientId;
            foreach (var cookie in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = options.Https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            }
            oidc.Events.OnTokenValidated = TokenValidatedAsync;
            oidc.Events.OnRemoteFailure = context => RefuseAsync(context, context.HttpContext);
            oidc.Events.OnAccessDenied = context => RefuseAsync(context, context.HttpContext);
        });
    }

    private static async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var pages = services.GetRequiredService<IOidcPages>();
        var (account, refusal) = await services.GetRequiredService<OidcSignIn>().SignInAsync(context.Principal!, context.HttpContext.RequestAborted);
        if (account is null)
        {
            context.Response.Redirect(pages.Refused(refusal!.Value));
            context.HandleResponse();
            return;
        }
        // The session holds what a password sign-in's holds: the account's name, role and school, nothing of the provider's.
        context.Principal = ApiUser.Principal(account, Schemes.Cookie);
        context.Properties!.Items.TryGetValue(ReturnUrlItem, out var returnUrl);
        context.Properties.RedirectUri = pages.SignedIn(account, returnUrl);
    }

    private static async Task RefuseAsync(HandleRequestContext<RemoteAuthenticationOptions> context, HttpContext http)
    {
        await http.RequestServices.GetRequiredService<OidcSignIn>().RecordFailureAsync(http.RequestAborted);
        context.Response.Redirect(http.RequestServices.GetRequiredService<IOidcPages>().Refused(OidcRefusal.Failed));
        context.HandleResponse();
    }
}
