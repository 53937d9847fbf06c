using System.Text.RegularExpressions;
using NodaTime;

namespace NetWatch.Storage.Contracts.Accounts;

/// <summary>
/// A person who may use the API. <see cref="School"/> is the one school (organization.id) the account sees, or null
/// for the whole trust. <see cref="PasswordHash"/> is a standard KDF's self-describing output (never the password);
/// <see cref="FailedSignIns"/> counts failures in a row and <see cref="LockedUntil"/> is set when they reach the limit.
/// An account that signs in through an OpenID Connect provider has <see cref="ExternalId"/> (the provider's issuer and
/// the person's subject there) and no password: its hash is empty and verifies nothing.
/// </summary>
public sealed partial record Account
{
    public required string Name { get; init; }
    public required AccountRole Role { get; init; }
    public string? School { get; init; }
    public required string PasswordHash { get; init; }
    public bool Disabled { get; init; }
    public int FailedSignIns { get; init; }
    public Instant? LockedUntil { get; init; }
    public required Instant CreatedAt { get; init; }

    /// <summary>"ISSUER#SUBJECT" of the OpenID Connect identity this account is, or null for a password account.</summary>
    public string? ExternalId { get; init; }

    /// <summary>An account of an identity provider: it signs in there, never with a password here.</summary>
    public bool IsExternal => ExternalId is not null;

    /// <summary>The identity provider's issuer of an external account (<see cref="ExternalId"/> up to its last '#'), else null.</summary>
    public string? ExternalIssuer => ExternalId is { } id && id.LastIndexOf('#') is > 0 and var hash ? id[..hash] : ExternalId;

    /// <summary>Account names: letters, digits, '.', '_', '-', '@'; 1 to 64 of them. Stored lower-case.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex NamePattern();
}
