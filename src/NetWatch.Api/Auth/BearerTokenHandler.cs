using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Auth;

/// <summary>
/// Signs in a request by its <c>Authorization: Bearer TOKEN</c>: the token's hash must be stored, not revoked, and
/// belong to an enabled account. The account is read on every request, so a disabled account or a revoked token
/// stops working at once. The service's own local token (<see cref="LocalAccess"/>) signs in the store owner.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IAccountStore accounts, LocalAccess local)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryGetToken(Request.Headers.Authorization.ToString(), out var token)) return AuthenticateResult.NoResult();
        if (token.StartsWith(LocalAccess.Prefix, StringComparison.Ordinal))
            return local.Matches(token)
                ? AuthenticateResult.Success(new AuthenticationTicket(LocalAccess.Principal(Request.Headers[LocalAccess.OsUserHeader].ToString()), Schemes.Bearer))
                : AuthenticateResult.Fail("unknown local token");
        var stored = await accounts.FindTokenAsync(TokenMaker.Hash(token), Context.RequestAborted);
        if (stored is null || stored.RevokedAt is not null) return AuthenticateResult.Fail("unknown or revoked token");
        var account = await accounts.GetAsync(stored.Account, Context.RequestAborted);
        if (account is null || account.Disabled) return AuthenticateResult.Fail("account disabled");
        return AuthenticateResult.Success(new AuthenticationTicket(ApiUser.Principal(account, Schemes.Bearer), Schemes.Bearer));
    }

    public static bool TryGetToken(string header, out string token)
    {
        const string bearer = "Bearer ";
        token = header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : "";
        return token.Length > 0;
    }
}
