namespace NetWatch.Api.Auth.Oidc;

/// <summary>Why a person the provider signed in may not use NetWatch (the sign-in page explains each; the audit records its name).</summary>
public enum OidcRefusal
{
    /// <summary>Their claims map to no role: the school has not given them access.</summary>
    NoRole,
    /// <summary>Their account is disabled in NetWatch (disabling wins over the provider).</summary>
    Disabled,
    /// <summary>The provider's answer was refused: an error it returned, or a token whose signature, issuer, audience, nonce or state is wrong.</summary>
    Failed,
}

public static class OidcRefusals
{
    public static string Name(OidcRefusal refusal) => refusal switch
    {
        OidcRefusal.NoRole => "no-role",
        OidcRefusal.Disabled => "disabled",
        _ => "failed",
    };

    public static OidcRefusal Parse(string? name) => name switch
    {
        "no-role" => OidcRefusal.NoRole,
        "disabled" => OidcRefusal.Disabled,
        _ => OidcRefusal.Failed,
    };
}
