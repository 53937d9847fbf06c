using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Auth;

/// <summary>
/// The store owner's access while the service holds the store: <c>netwatch run</c> writes this token into the store
/// directory (readable by the service's OS user only, as the store file is), and the CLI, run by someone who can read
/// that directory, reads through the API with it: what it may read is what it could read from the store file itself
/// (the service not running). Requests name the OS user (<see cref="OsUserHeader"/>); the audit records them as
/// <c>os:USER</c>, as the CLI's direct reads of the store file are.
/// </summary>
public sealed class LocalAccess
{
    public const string Prefix = "nwl_";
    public const string OsUserHeader = "X-NetWatch-OS-User";
    public const string ActorPrefix = "os:";

    /// <summary>Every capability of the matrix that reads (the first role, the DSL's, decides names and purposes: names shown, no purpose asked).</summary>
    private static readonly AccountRole[] Roles = [AccountRole.Dsl, AccountRole.DeputyDsl, AccountRole.Auditor, AccountRole.IctAdmin];

    private readonly byte[] _token = Encoding.ASCII.GetBytes(Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    public string Token => Encoding.ASCII.GetString(_token);

    public bool Matches(string token) => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), _token);

    public static ClaimsPrincipal Principal(string? osUser)
    {
        var name = osUser is { Length: > 0 and <= 64 } && osUser.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') ? osUser : "unknown";
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, ActorPrefix + name),
            .. Roles.Select(r => new Claim(ClaimTypes.Role, AccountRoles.Name(r))),
            new Claim(ApiUser.SchoolClaim, ApiUser.TrustWide),
        ], Schemes.Bearer));
    }
}
