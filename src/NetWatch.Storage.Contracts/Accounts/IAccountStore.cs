using NodaTime;

namespace NetWatch.Storage.Contracts.Accounts;

/// <summary>
/// The API's accounts and their bearer tokens, kept in the store beside what they guard. Names are compared
/// case-insensitively (stored lower-case). Nothing here hashes: callers pass hashes in.
/// </summary>
public interface IAccountStore
{
    /// <summary>Adds an account; false when one with its name exists (nothing changes then).</summary>
    Task<bool> AddAsync(Account account, CancellationToken cancellationToken);

    Task<Account?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>The account of an identity provider's person (<see cref="Account.ExternalId"/>), or null.</summary>
    Task<Account?> FindExternalAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>Every account, by name.</summary>
    Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the stored account of the same name (role, school, hash, disabled, failures, lockout); false when there is none.</summary>
    Task<bool> UpdateAsync(Account account, CancellationToken cancellationToken);

    Task AddTokenAsync(ApiToken token, CancellationToken cancellationToken);

    /// <summary>The token with this hash, revoked or not, or null.</summary>
    Task<ApiToken?> FindTokenAsync(string hash, CancellationToken cancellationToken);

    /// <summary>An account's tokens, oldest first.</summary>
    Task<IReadOnlyList<ApiToken>> TokensAsync(string account, CancellationToken cancellationToken);

    /// <summary>Revokes one token of the account (by id), or all of them when <paramref name="id"/> is null; returns how many were revoked now.</summary>
    Task<int> RevokeTokensAsync(string account, string? id, Instant at, CancellationToken cancellationToken);
}
