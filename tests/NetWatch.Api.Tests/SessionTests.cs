using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using NetWatch.Api.Security;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Tests.Shared;

namespace NetWatch.Api.Tests;

/// <summary>Signing in: the session cookie and its anti-forgery token, lockout, the rate limit, and revocation taking effect at once.</summary>
public sealed class SessionTests
{
    private static Task<HttpResponseMessage> SignIn(HttpClient client, string name, string password) =>
        client.PostAsJsonAsync("/api/session", new { name, password });

    private static async Task<string> CsrfToken(HttpClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/session"));
        return doc.RootElement.GetProperty("csrf_token").GetString()!;
    }

    [Fact]
    public async Task A_cookie_session_is_HttpOnly_and_SameSite_Strict_and_reads_what_its_role_may()
    {
        await using var api = TestApi.Start();
        using var client = api.CookieClient();
        using var signIn = await SignIn(client, "DSL", TestApi.Password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("netwatch.session="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain HTTP here; see the TLS test
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit?purpose=x")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_authenticated_change_needs_the_anti_forgery_token()
    {
        await using var api = TestApi.Start();
        using var client = api.CookieClient();
        (await SignIn(client, "dsl", TestApi.Password)).EnsureSuccessStatusCode();
        using var forged = await client.DeleteAsync("/api/session");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session")).StatusCode); // still signed in

        var token = await CsrfToken(client);
        using var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/session");
        signOut.Headers.Add(AntiforgeryCheck.HeaderName, token);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(signOut)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/session")).StatusCode);
    }

    [Fact]
    public async Task Failures_in_a_row_lock_the_account_even_against_the_right_password()
    {
        await using var api = TestApi.Start(TestApi.DefaultOptions with { MaxFailedSignIns = 3, SignInsPerMinute = 100 });
        using var client = api.CookieClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(client, "auditor", "wrong password " + i)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(client, "auditor", TestApi.Password)).StatusCode);
        var account = await api.Accounts.GetAsync("auditor", default);
        Assert.NotNull(account!.LockedUntil);
        Assert.Equal(4, api.AuditRecords.Count(r => r.Record is { Action: "session.sign-in", Actor: "auditor", Outcome: "denied" }));
        // A failure or two then a success clears the count.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(client, "slt", "wrong password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(client, "slt", TestApi.Password)).StatusCode);
        Assert.Equal(0, (await api.Accounts.GetAsync("slt", default))!.FailedSignIns);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_client()
    {
        await using var api = TestApi.Start(TestApi.DefaultOptions with { SignInsPerMinute = 3, MaxFailedSignIns = 100 });
        using var client = api.CookieClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(client, "nobody", "wrong password")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignIn(client, "dsl", TestApi.Password)).StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_or_changing_its_role_ends_its_sessions_and_tokens_at_once()
    {
        await using var api = TestApi.Start();
        using var cookie = api.CookieClient();
        (await SignIn(cookie, "deputy-dsl", TestApi.Password)).EnsureSuccessStatusCode();
        using var bearer = api.Client("deputy-dsl");
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/events")).StatusCode);
        var account = (await api.Accounts.GetAsync("deputy-dsl", default))!;
        await api.Accounts.UpdateAsync(account with { Role = AccountRole.Slt }, default);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bearer.GetAsync("/api/events")).StatusCode); // a token carries no role: the account's is read

        await api.Accounts.UpdateAsync(account with { Disabled = true }, default);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(cookie, "deputy-dsl", TestApi.Password)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_signs_nobody_in()
    {
        await using var api = TestApi.Start();
        using var client = api.Client("ict-admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sources")).StatusCode);
        Assert.Equal(1, await api.Accounts.RevokeTokensAsync("ict-admin", null, TestApi.T0, default));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/sources")).StatusCode);
    }

    [Fact]
    public async Task Over_TLS_from_a_certificate_file_the_session_cookie_is_Secure()
    {
        using var dir = new TempDirectory();
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(dir.File("cert.pem"), cert.ExportCertificatePem());
            File.WriteAllText(dir.File("key.pem"), key.ExportPkcs8PrivateKeyPem());
        }
        await using var api = TestApi.Start(TestApi.DefaultOptions with { CertificateFile = dir.File("cert.pem"), CertificateKeyFile = dir.File("key.pem") });
        Assert.Equal("https", api.Address.Scheme);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler) { BaseAddress = api.Address };
        using var signIn = await SignIn(client, "dsl", TestApi.Password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("secure", signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("netwatch.session=")), StringComparison.OrdinalIgnoreCase);
    }
}
