using System.Security.Cryptography;
using System.Text;
using NetWatch.Storage.Contracts.Accounts;
using NodaTime;

namespace NetWatch.Api.Auth;

/// <summary>
/// Bearer tokens: 32 random bytes, shown once as "nwt_" and unpadded base64url; the store keeps only their SHA-256.
/// A token's id is the start of its hash, enough to name it in a list and to revoke it.
/// </summary>
public static class TokenMaker
{
    public const string Prefix = "nwt_";

    /// <summary>A new token for <paramref name="account"/>: its text (to show once) and what the store keeps.</summary>
    public static (string Text, ApiToken Stored) Create(string account, Instant now)
    {
        var text = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var hash = Hash(text);
        return (text, new ApiToken(hash[..12], account, hash, now));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
