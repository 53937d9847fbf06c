using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetWatch.Api.Access;
using NetWatch.Api.Auth;
using NetWatch.Api.Security;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Routes;

/// <summary>
/// The web app's session: <c>POST /api/session</c> signs in with name and password (rate-limited per client
/// address; repeated failures lock the account) and sets the session cookie; <c>GET /api/session</c> says who is
/// signed in and hands out the anti-forgery token that cookie-authenticated changes must carry;
/// <c>DELETE /api/session</c> signs out. Scripts use a bearer token instead and need none of this.
/// </summary>
public static class SessionRoutes
{
    public const string SignInRateLimit = "sign-in";

    public sealed record SignInRequest(string? Name, string? Password);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/session", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        api.MapGet("/session", WhoAmI).RequireAuthorization(AccessMatrix.SignedIn);
        api.MapDelete("/session", SignOutAsync).RequireAuthorization(AccessMatrix.SignedIn).AddEndpointFilter<AntiforgeryCheck>();
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, HttpContext http, SignInService signIn, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(request.Name) || string.IsNullOrEmpty(request.Password))
            throw ApiProblemException.BadRequest("give 'name' and 'password'");
        var account = await signIn.SignInAsync(request.Name, request.Password, cancel)
            ?? throw new ApiProblemException(StatusCodes.Status401Unauthorized, "wrong name or password, or the account is locked or disabled");
        await http.SignInAsync(Schemes.Cookie, ApiUser.Principal(account, Schemes.Cookie));
        return Describe(new ApiUser(account.Name, account.Role, account.School), csrfToken: null);
    }

    private static IResult WhoAmI(HttpContext http, IAntiforgery antiforgery)
    {
        var user = Caller.Of(http);
        // The token is bound to this user; it is needed only by cookie-authenticated changes.
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Describe(user, tokens.RequestToken);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, CancellationToken cancel)
    {
        await http.SignOutAsync(Schemes.Cookie);
        return Results.NoContent();
    }

    private static IResult Describe(ApiUser user, string? csrfToken) => new JsonAnswer(w =>
    {
        w.WriteStartObject();
        w.WriteString("name", user.Name);
        w.WriteString("role", AccountRoles.Name(user.Role));
        if (user.School is null) w.WriteNull("school");
        else w.WriteString("school", user.School);
        if (csrfToken is not null) w.WriteString("csrf_token", csrfToken);
        w.WriteEndObject();
    });
}
