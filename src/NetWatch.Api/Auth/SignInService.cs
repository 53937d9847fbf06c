using NetWatch.Api.Audit;
using NetWatch.Storage.Contracts.Accounts;
using NodaTime;

namespace NetWatch.Api.Auth;

/// <summary>
/// Checks a name and password: an unknown name, a disabled or locked account and a wrong password all fail alike
/// (the caller learns nothing about which), as does an account of the OpenID Connect provider (it has no password); failures in a row lock the account for a while; a success clears them.
/// Each attempt is an audit record (session.sign-in, ok or denied). Attempts are checked one at a time, so that
/// concurrent guesses cannot outrun the failure count.
/// </summary>
public sealed class SignInService(IAccountStore accounts, AuditTrail audit, ApiOptions options, IClock clock)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<Account?> SignInAsync(string name, string password, CancellationToken cancel)
    {
        await _one.WaitAsync(cancel);
        try
        {
            var now = clock.GetCurrentInstant();
            var account = Account.IsValidName(name) ? await accounts.GetAsync(name, cancel) : null;
            var ok = account is { Disabled: false, IsExternal: false } && !(account.LockedUntil > now) && PasswordHashing.Verify(account.PasswordHash, password);
            if (account is not null)
            {
                var failures = ok ? 0 : account.FailedSignIns + 1;
                var locked = ok ? null : failures >= options.MaxFailedSignIns ? now + Duration.FromTimeSpan(options.Lockout) : account.LockedUntil;
                if (failures != account.FailedSignIns || locked != account.LockedUntil)
                    await accounts.UpdateAsync(account with { FailedSignIns = failures, LockedUntil = locked }, cancel);
            }
            // The attempted name is recorded only when it is an account's: a mistyped password in the name field is not logged.
            await audit.RecordSignInAsync(account?.Name, ok, account?.School, cancel);
            return ok ? account : null;
        }
        finally { _one.Release(); }
    }
}
