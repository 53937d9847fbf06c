using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using NetWatch.Api.Audit;
using NetWatch.Storage.Contracts.Accounts;
using NodaTime;

namespace NetWatch.Api.Auth.Oidc;

/// <summary>
/// Turns a person the provider has signed in (the validated id token's claims) into a NetWatch account: the account
/// bound to their issuer and subject (<see cref="Account.ExternalId"/>), made at their first sign-in and given the
/// role and school their claims map to at every sign-in (the provider decides roles). A person whose claims map to
/// no role, or whose account an ICT administrator disabled (disabling wins), is refused. Every attempt is an audit
/// record. The account is named by the person's e-mail address (or their preferred user name) so that audit records
/// and <c>netwatch users list</c> say who it is; when that name is another account's, by <c>oidc-</c> and their subject.
/// </summary>
public sealed class OidcSignIn(OidcSettings settings, IAccountStore accounts, AuditTrail audit, IClock clock)
{
    public const string NamePrefix = "oidc-";
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The signed-in account, or why not.</summary>
    public async Task<(Account? Account, OidcRefusal? Refusal)> SignInAsync(ClaimsPrincipal person, CancellationToken cancel)
    {
        var subject = person.FindFirstValue("sub") ?? throw new InvalidOperationException("the id token has no subject");
        var externalId = ExternalId(settings.Issuer, subject);
        var issuer = settings.Issuer.ToString();
        var mapped = settings.Roles.Match(person.Claims);
        await _one.WaitAsync(cancel);
        try
        {
            var account = await accounts.FindExternalAsync(externalId, cancel);
            if (account is { Disabled: true }) return await RefuseAsync(account.Name, OidcRefusal.Disabled, account.School);
            if (mapped is not { } grant) return await RefuseAsync(account?.Name ?? await FreeNameAsync(person, subject, cancel), OidcRefusal.NoRole, null);
            if (account is null)
            {
                account = new Account
                {
                    Name = await FreeNameAsync(person, subject, cancel),
                    Role = grant.Role,
                    School = grant.School,
                    PasswordHash = "",
                    CreatedAt = clock.GetCurrentInstant(),
                    ExternalId = externalId,
                };
                if (!await accounts.AddAsync(account, cancel)) throw new InvalidOperationException($"account '{account.Name}' was made meanwhile");
            }
            else if (account.Role != grant.Role || account.School != grant.School)
            {
                account = account with { Role = grant.Role, School = grant.School };
                await accounts.UpdateAsync(account, cancel);
            }
            await audit.RecordExternalSignInAsync(account.Name, issuer, null, account.School, cancel);
            return (account, null);
        }
        finally { _one.Release(); }

        async Task<(Account?, OidcRefusal?)> RefuseAsync(string actor, OidcRefusal refusal, string? school)
        {
            await audit.RecordExternalSignInAsync(actor, issuer, OidcRefusals.Name(refusal), school, cancel);
            return (null, refusal);
        }
    }

    /// <summary>Records a sign-in the provider's answer failed (no person is known then).</summary>
    public Task RecordFailureAsync(CancellationToken cancel) =>
        audit.RecordExternalSignInAsync("(unknown)", settings.Issuer.ToString(), OidcRefusals.Name(OidcRefusal.Failed), null, cancel);

    public static string ExternalId(Uri issuer, string subject) => issuer.ToString().TrimEnd('/') + "#" + subject;

    /// <summary>The person's e-mail (unless the provider says it is not verified) or preferred user name, when free; else oidc-SUBJECT.</summary>
    private async Task<string> FreeNameAsync(ClaimsPrincipal person, string subject, CancellationToken cancel)
    {
        var email = person.FindFirstValue("email_verified") is "false" or "False" ? null : person.FindFirstValue("email");
        foreach (var candidate in new[] { email, person.FindFirstValue("preferred_username"), SubjectName(subject), HashedSubjectName(subject) })
        {
            if (Account.IsValidName(candidate) && await accounts.GetAsync(candidate!, cancel) is null) return candidate!.ToLowerInvariant();
        }
        throw new InvalidOperationException("every name this person's account could have is another account's");
    }

    /// <summary>oidc-SUBJECT when that is an account name as it is (subjects are case-sensitive, names are not); else a hash of it.</summary>
    public static string SubjectName(string subject)
    {
        var name = NamePrefix + subject;
        return Account.IsValidName(name) && name == name.ToLowerInvariant() ? name : HashedSubjectName(subject);
    }

    private static string HashedSubjectName(string subject) =>
        NamePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..32];
}
