using NodaTime;

namespace NetWatch.Storage.Contracts.Accounts;

/// <summary>
/// A bearer token of an account, kept only as <see cref="Hash"/> (lower-case hex SHA-256 of the token's text): the
/// token itself is shown once, when made. <see cref="Id"/> names it in lists and revocations; a revoked token
/// (<see cref="RevokedAt"/> set) signs nobody in.
/// </summary>
public sealed record ApiToken(string Id, string Account, string Hash, Instant CreatedAt, Instant? RevokedAt = null);
