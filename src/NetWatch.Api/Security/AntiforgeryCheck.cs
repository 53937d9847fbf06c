using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using NetWatch.Api.Auth;

namespace NetWatch.Api.Security;

/// <summary>
/// An endpoint filter for every state-changing route: a request signed in by the session cookie must carry the
/// anti-forgery token (header <see cref="HeaderName"/>, from <c>GET /api/session</c>) matching its anti-forgery cookie.
/// A bearer-token request is exempt: a browser never adds the token on its own, so another site cannot forge it.
/// </summary>
public sealed class AntiforgeryCheck(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity is { IsAuthenticated: true, AuthenticationType: Schemes.Cookie })
        {
            try { await antiforgery.ValidateRequestAsync(http); }
            catch (AntiforgeryValidationException)
            {
                throw ApiProblemException.BadRequest($"this change needs the anti-forgery token (header {HeaderName}, from GET /api/session)");
            }
        }
        return await next(context);
    }
}
