using System.Security.Claims;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Auth.Oidc;

/// <summary>
/// Which role and school a person of the provider gets: the values of one claim of their id token (Entra's
/// <c>roles</c> (app roles) or <c>groups</c>; for Google, which has no role claims, <c>email</c> (an explicit list
/// of people) or <c>hd</c> (the Workspace domain)) each mapped to a role, scoped to the mapping's school, else
/// <see cref="School"/>, else the whole trust. The first mapping in the configured order that the person's claim
/// has wins, so a file can put the narrower role first. Values compare case-insensitively (e-mail addresses, domains).
/// </summary>
public sealed record OidcRoleMap(string Claim, IReadOnlyList<OidcRoleMapping> Mappings, string? School = null)
{
    /// <summary>A mapping's school that means the whole trust, even when the map names a school for the others.</summary>
    public const string Trust = "trust";

    /// <summary>The role and school (null: the trust) of the person whose claims these are, or null when no mapping applies (no access).</summary>
    public (AccountRole Role, string? School)? Match(IEnumerable<Claim> claims)
    {
        var values = claims.Where(c => c.Type == Claim).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (Mappings.FirstOrDefault(m => values.Contains(m.Value)) is not { } hit) return null;
        var school = hit.School ?? School;
        return (hit.Role, string.Equals(school, Trust, StringComparison.OrdinalIgnoreCase) ? null : school);
    }
}

/// <summary>One claim value and what it gives: a role, and a school (null: the map's school; <see cref="OidcRoleMap.Trust"/>: the whole trust).</summary>
public sealed record OidcRoleMapping(string Value, AccountRole Role, string? School = null);
