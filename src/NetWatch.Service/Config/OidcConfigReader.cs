using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using NetWatch.Api.Auth.Oidc;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Service.Config;

/// <summary>
/// The <c>api.oidc</c> section: sign-in through the school's OpenID Connect provider (<see cref="OidcSettings"/>).
/// The client secret comes from <c>client_secret_file</c> (a file readable by the service only) or, when a file
/// cannot be used, <c>client_secret</c> (or NETWATCH_api__oidc__client_secret); never both. Every bad value fails
/// at its line: a missing client id, an unreadable or empty secret file, an issuer that is not https, a role the map
/// names that NetWatch has not.
/// </summary>
internal static partial class OidcConfigReader
{
    private const string Key = "api:oidc";

    [GeneratedRegex(@"^api:oidc(:(issuer|client_id|client_secret|client_secret_file|display_name|callback_path|scopes(:\d+)?|roles(:(claim|school|map(:[^:]+(:(role|school))?)?))?))?$", RegexOptions.IgnoreCase)]
    internal static partial Regex KnownKey();

    public static OidcSettings? Read(ConfigReader r, IConfiguration config, FlatConfig flat)
    {
        if (!r.Has(Key)) return null;
        var issuerText = r.String(Key + ":issuer") ?? throw r.Error(Key, "api.oidc needs an issuer (Entra ID: https://login.microsoftonline.com/TENANT/v2.0; Google: https://accounts.google.com)");
        if (!Uri.TryCreate(issuerText, UriKind.Absolute, out var issuer) || issuer.Scheme != Uri.UriSchemeHttps && !(issuer.Scheme == Uri.UriSchemeHttp && issuer.IsLoopback))
            throw r.Error(Key + ":issuer", $"'{issuerText}' is not an https URL (plain http is accepted for a loopback test issuer only)");
        var callback = r.String(Key + ":callback_path") ?? OidcSettings.DefaultCallbackPath;
        if (!callback.StartsWith('/')) throw r.Error(Key + ":callback_path", $"'{callback}' is not a path starting with '/'");
        var scopes = config.GetSection(Key + ":scopes").GetChildren().Select(c => c.Value).OfType<string>().ToList();
        return new OidcSettings
        {
            Issuer = issuer,
            ClientId = r.String(Key + ":client_id") ?? throw r.Error(Key, "api.oidc needs a client_id (the application's id at the provider)"),
            ClientSecret = ReadSecret(r),
            DisplayName = r.String(Key + ":display_name") ?? "your school account",
            Scopes = scopes.Count > 0 ? scopes : ["profile", "email"],
            CallbackPath = callback,
            Roles = ReadRoles(r, config, flat),
        };
    }

    private static string ReadSecret(ConfigReader r)
    {
        var (file, inline) = (r.String(Key + ":client_secret_file"), r.String(Key + ":client_secret"));
        if (file is not null && inline is not null) throw r.Error(Key + ":client_secret", "give client_secret_file or client_secret, not both");
        if (inline is not null) return inline;
        if (file is null) throw r.Error(Key, "api.oidc needs client_secret_file (a file holding the client secret) or client_secret");
        string secret;
        try { secret = File.ReadAllText(file).Trim(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw r.Error(Key + ":client_secret_file", $"cannot read the client secret file '{file}': {ex.Message}"); }
        return secret.Length > 0 ? secret : throw r.Error(Key + ":client_secret_file", $"the client secret file '{file}' is empty");
    }

    /// <summary><c>roles: { claim, school, map: { VALUE: ROLE | { role, school } } }</c>, the map kept in the file's order (the first match wins).</summary>
    private static OidcRoleMap ReadRoles(ConfigReader r, IConfiguration config, FlatConfig flat)
    {
        const string roles = Key + ":roles";
        if (!r.Has(roles + ":map")) throw r.Error(r.Has(roles) ? roles : Key, "api.oidc needs roles.map (which claim values give which role): without it nobody could sign in");
        var mappings = new List<OidcRoleMapping>();
        foreach (var entry in config.GetSection(roles + ":map").GetChildren().OrderBy(c => flat.Lines.GetValueOrDefault(c.Path, int.MaxValue)))
        {
            var roleKey = entry.Value is not null ? entry.Path : entry.Path + ":role";
            var roleText = r.String(roleKey) ?? throw r.Error(entry.Path, $"'{entry.Key}' maps to no role; roles: {AccountRoles.List}");
            if (!AccountRoles.TryParse(roleText, out var role)) throw r.Error(roleKey, $"role '{roleText}' is not one of {AccountRoles.List}");
            mappings.Add(new OidcRoleMapping(entry.Key, role, entry.Value is null ? r.String(entry.Path + ":school") : null));
        }
        if (mappings.Count == 0) throw r.Error(roles + ":map", "roles.map is empty: nobody could sign in");
        return new OidcRoleMap(r.String(roles + ":claim") ?? "roles", mappings, r.String(roles + ":school"));
    }
}
