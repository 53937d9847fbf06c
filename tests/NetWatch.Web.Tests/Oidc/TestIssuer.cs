using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NetWatch.Api.Hosting;

namespace NetWatch.Web.Tests.Oidc;

/// <summary>
/// A local OpenID provider for the tests, on 127.0.0.1 (addressed as <c>localhost</c>, so that it is another site
/// than the web app at 127.0.0.1, as a real provider is): discovery, JWKS, an authorize endpoint with a one-field
/// sign-in form (the person's name in <see cref="People"/>), and a token endpoint that checks the client's id and
/// secret, the code, its redirect URI and its PKCE verifier (S256) and answers with an RS256-signed id token.
/// A person may be one whose token is forged (<see cref="Forgery"/>): signed with another key, from another issuer,
/// or for another client; the web app must refuse each.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string ClientId = "netwatch-test-client";
    public const string ClientSecret = "test client secret: not for any real provider";

    public enum Forgery { None, WrongSignature, WrongIssuer, WrongAudience }

    /// <summary>Someone the provider knows: their subject, claims (a string[] value is a JSON array) and how their token is forged.</summary>
    public sealed record Person(string Subject, IReadOnlyDictionary<string, object> Claims, Forgery Forgery = Forgery.None);

    private sealed record Grant(Person Person, string ClientId, string RedirectUri, string Challenge, string? Nonce);

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key-1" };
    // The forger's key claims the same key id, so only the signature itself can tell it apart.
    private readonly RsaSecurityKey _forgedKey = new(RSA.Create(2048)) { KeyId = "test-key-1" };
    private readonly ConcurrentDictionary<string, Grant> _codes = new();

    public IReadOnlyDictionary<string, Person> People { get; }
    public Uri Issuer { get; private set; } = null!;

    /// <summary>Tokens issued (a test checks the app really went through the token endpoint).</summary>
    public int TokensIssued => _tokensIssued;
    private int _tokensIssued;

    private TestIssuer(IReadOnlyDictionary<string, Person> people)
    {
        People = people;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", Discovery);
        _app.MapGet("/jwks", () => Results.Json(new { keys = new[] { Jwk(_key) } }));
        _app.MapGet("/authorize", AuthorizeForm);
        _app.MapPost("/authorize", AuthorizeAsync);
        _app.MapPost("/token", TokenAsync);
    }

    public static async Task<TestIssuer> StartAsync(IReadOnlyDictionary<string, Person> people)
    {
        var issuer = new TestIssuer(people);
        await issuer._app.StartAsync();
        issuer.Issuer = new Uri($"http://localhost:{ApiHost.Address(issuer._app).Port}");
        return issuer;
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer.ToString(),
        ["authorization_endpoint"] = new Uri(Issuer, "authorize").ToString(),
        ["token_endpoint"] = new Uri(Issuer, "token").ToString(),
        ["jwks_uri"] = new Uri(Issuer, "jwks").ToString(),
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
    });

    private static object Jwk(RsaSecurityKey key)
    {
        var p = key.Rsa.ExportParameters(false);
        return new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) };
    }

    /// <summary>The sign-in form: every parameter of the request carried on, the person's name asked.</summary>
    private static IResult AuthorizeForm(HttpRequest request)
    {
        var hidden = string.Concat(request.Query.Select(q =>
            $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(q.Key)}\" value=\"{WebUtility.HtmlEncode(q.Value.ToString())}\">"));
        return Results.Content($"""
            <!DOCTYPE html><html lang="en"><head><title>Test provider</title></head><body><main>
            <h1>Test provider sign-in</h1>
            <form method="post" action="/authorize">{hidden}
            <label for="person">Person</label> <input id="person" name="person" type="text">
            <button type="submit">Continue</button></form></main></body></html>
            """, "text/html");
    }

    private async Task<IResult> AuthorizeAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        string Field(string name) => form[name].ToString();
        if (Field("client_id") != ClientId) return Results.BadRequest("unknown client");
        if (Field("response_type") != "code") return Results.BadRequest("only the code flow");
        if (Field("code_challenge_method") != "S256" || Field("code_challenge").Length == 0) return Results.BadRequest("PKCE (S256) is required");
        var redirect = Field("redirect_uri");
        if (!Uri.TryCreate(redirect, UriKind.Absolute, out _)) return Results.BadRequest("no redirect_uri");
        var state = Field("state");
        if (!People.TryGetValue(Field("person"), out var person))
            return Results.Redirect($"{redirect}?error=access_denied&state={Uri.EscapeDataString(state)}");
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new Grant(person, ClientId, redirect, Field("code_challenge"), form["nonce"].FirstOrDefault());
        return Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(state)}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId != ClientId || secret != ClientSecret) return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant))
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (verifier.Length == 0 || challenge != grant.Challenge || form["redirect_uri"] != grant.RedirectUri)
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new { access_token = "not-used", token_type = "Bearer", expires_in = 300, id_token = IdToken(grant) });
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        return (form["client_id"], form["client_secret"]);
    }

    private string IdToken(Grant grant)
    {
        var person = grant.Person;
        var claims = new Dictionary<string, object>(person.Claims) { ["sub"] = person.Subject };
        if (grant.Nonce is not null) claims["nonce"] = grant.Nonce;
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = person.Forgery == Forgery.WrongIssuer ? "http://localhost:1/another-issuer" : Issuer.ToString(),
            Audience = person.Forgery == Forgery.WrongAudience ? "another-client" : grant.ClientId,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(person.Forgery == Forgery.WrongSignature ? _forgedKey : _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
