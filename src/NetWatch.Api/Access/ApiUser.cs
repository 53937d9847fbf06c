using System.Security.Claims;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Access;

/// <summary>The signed-in account as a request sees it: its name, role and school (null: the whole trust).</summary>
public sealed record ApiUser(string Name, AccountRole Role, string? School)
{
    public const string SchoolClaim = "netwatch:school";
    public const string TrustWide = "*";

    public bool TrustWideScope => School is null;

    public static ClaimsPrincipal Principal(Account account, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, account.Name),
        new Claim(ClaimTypes.Role, AccountRoles.Name(account.Role)),
        new Claim(SchoolClaim, account.School ?? TrustWide),
    ], scheme));

    /// <summary>The user of a signed-in principal, or null for anonymous.</summary>
    public static ApiUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var name = principal.FindFirstValue(ClaimTypes.Name);
        var school = principal.FindFirstValue(SchoolClaim);
        if (name is null || school is null || !AccountRoles.TryParse(principal.FindFirstValue(ClaimTypes.Role), out var role)) return null;
        return new ApiUser(name, role, school == TrustWide ? null : school);
    }

    /// <summary>Whether <paramref name="principal"/> still says what <paramref name="account"/> says (a cookie made before a set-role no longer does).</summary>
    public static bool Matches(ClaimsPrincipal principal, Account account) =>
        From(principal) is { } user && user.Name == account.Name && user.Role == account.Role && user.School == account.School;
}
