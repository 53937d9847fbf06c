using Microsoft.AspNetCore.Identity;

namespace NetWatch.Api.Auth;

/// <summary>
/// Passwords are kept as ASP.NET Core Identity's PasswordHasher output (PBKDF2 with HMAC-SHA512, a random salt and
/// the iteration count in the hash, so a later raise in iterations still verifies old hashes and asks for a rehash).
/// </summary>
public static class PasswordHashing
{
    /// <summary>The shortest password accepted when an account is made.</summary>
    public const int MinimumLength = 12;

    // The hasher takes the user for salting schemes that use it; Identity's default does not.
    private sealed class Nobody;
    private static readonly Nobody User = new();
    private static readonly PasswordHasher<Nobody> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(User, password);

    public static bool Verify(string hash, string password)
    {
        try { return Hasher.VerifyHashedPassword(User, hash, password) != PasswordVerificationResult.Failed; }
        catch (FormatException) { return false; }
    }

    /// <summary>Why a new password is refused, or null when it is acceptable.</summary>
    public static string? Weakness(string password) =>
        password.Length < MinimumLength ? $"a password needs at least {MinimumLength} characters" : null;
}
