using System.Security.Claims;
using NetWatch.Api.Audit;
using NetWatch.Api.Auth;
using NetWatch.Api.Auth.Oidc;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Api.Tests.Oidc;

/// <summary>
/// A person the provider signed in becomes an account bound to their issuer and subject: made at the first sign-in,
/// its role and school following the provider's claims at each sign-in, named by e-mail when that name is free;
/// an account of the provider never signs in with a password.
/// </summary>
public sealed class OidcSignInTests : IDisposable
{
    private static readonly Uri Issuer = new("https://login.example/tenant/v2.0");
    private readonly TempDirectory _dir = new();
    private readonly DuckDbStore _store;
    private readonly OidcSignIn _signIn;

    public OidcSignInTests()
    {
        _store = DuckDbStore.Open(_dir.Path);
        var settings = new OidcSettings
        {
            Issuer = Issuer, ClientId = "c", ClientSecret = "s",
            Roles = new OidcRoleMap("groups", [new("g-dsl", AccountRole.Dsl), new("g-slt", AccountRole.Slt)], "school-a"),
        };
        _signIn = new OidcSignIn(settings, _store.Accounts, new AuditTrail(_store.Audit, SystemClock.Instance), SystemClock.Instance);
    }

    private static ClaimsPrincipal Person(string subject, string? email, params string[] groups) => new(new ClaimsIdentity(
        [new Claim("sub", subject), .. email is null ? Array.Empty<Claim>() : [new Claim("email", email)], .. groups.Select(g => new Claim("groups", g))], "test"));

    [Fact]
    public async Task The_providers_claims_decide_the_role_at_each_sign_in_and_the_account_stays_the_same()
    {
        var (first, _) = await _signIn.SignInAsync(Person("s-1", "Jo.Bloggs@School.example", "g-dsl"), default);
        Assert.Equal(("jo.bloggs@school.example", AccountRole.Dsl, "school-a"), (first!.Name, first.Role, first.School));

        var (second, _) = await _signIn.SignInAsync(Person("s-1", "renamed@school.example", "g-slt"), default);
        Assert.Equal(("jo.bloggs@school.example", AccountRole.Slt), (second!.Name, second.Role));
        Assert.Equal(AccountRole.Slt, (await _store.Accounts.GetAsync("jo.bloggs@school.example", default))!.Role);
        Assert.Single(await _store.Accounts.ListAsync(default));

        var (_, refusal) = await _signIn.SignInAsync(Person("s-1", null, "g-staff"), default);
        Assert.Equal(OidcRefusal.NoRole, refusal);
        Assert.Equal(AccountRole.Slt, (await _store.Accounts.GetAsync("jo.bloggs@school.example", default))!.Role);
        var records = (await _store.Audit.ReadAsync(new AuditQuery(Actor: "jo.bloggs@school.example"), default)).Select(r => r.Record.Outcome);
        Assert.Equal(["ok", "ok", "denied"], records);
    }

    [Fact]
    public async Task A_name_another_account_has_is_not_taken_over_the_person_gets_oidc_and_their_subject()
    {
        await _store.Accounts.AddAsync(new Account { Name = "head@school.example", Role = AccountRole.IctAdmin, PasswordHash = PasswordHashing.Hash("a password of length"), CreatedAt = SystemClock.Instance.GetCurrentInstant() }, default);

        var (account, _) = await _signIn.SignInAsync(Person("subject-2", "head@school.example", "g-dsl"), default);

        Assert.Equal("oidc-subject-2", account!.Name);
        var local = (await _store.Accounts.GetAsync("head@school.example", default))!;
        Assert.Equal((AccountRole.IctAdmin, (string?)null), (local.Role, local.ExternalId));
    }

    [Fact]
    public async Task A_subject_an_account_name_cannot_hold_as_it_is_gets_a_hashed_name_distinct_per_subject()
    {
        var (upper, _) = await _signIn.SignInAsync(Person("AAAAbbbb", null, "g-dsl"), default);
        var (lower, _) = await _signIn.SignInAsync(Person("aaaabbbb", null, "g-dsl"), default);
        var (odd, _) = await _signIn.SignInAsync(Person("a/b+c=", null, "g-dsl"), default);
        Assert.Equal("oidc-aaaabbbb", lower!.Name);
        Assert.StartsWith("oidc-", upper!.Name);
        Assert.NotEqual(lower.Name, upper.Name);
        Assert.True(Account.IsValidName(odd!.Name));
        Assert.Equal(3, (await _store.Accounts.ListAsync(default)).Count);
    }

    [Fact]
    public async Task An_unverified_email_does_not_name_the_account()
    {
        var person = Person("s-3", "someone.else@school.example", "g-dsl");
        ((ClaimsIdentity)person.Identity!).AddClaim(new Claim("email_verified", "false"));
        var (account, _) = await _signIn.SignInAsync(person, default);
        Assert.Equal("oidc-s-3", account!.Name);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_and_stays_disabled()
    {
        var (account, _) = await _signIn.SignInAsync(Person("s-4", "d@school.example", "g-dsl"), default);
        await _store.Accounts.UpdateAsync(account! with { Disabled = true }, default);
        var (none, refusal) = await _signIn.SignInAsync(Person("s-4", "d@school.example", "g-dsl"), default);
        Assert.Null(none);
        Assert.Equal(OidcRefusal.Disabled, refusal);
        Assert.True((await _store.Accounts.GetAsync("d@school.example", default))!.Disabled);
    }

    [Fact]
    public async Task An_account_of_the_provider_never_signs_in_with_a_password()
    {
        const string password = "a password that matches";
        var now = SystemClock.Instance.GetCurrentInstant();
        await _store.Accounts.AddAsync(new Account { Name = "ext", Role = AccountRole.Dsl, PasswordHash = PasswordHashing.Hash(password), CreatedAt = now, ExternalId = "https://idp#x" }, default);
        await _store.Accounts.AddAsync(new Account { Name = "local", Role = AccountRole.Dsl, PasswordHash = PasswordHashing.Hash(password), CreatedAt = now }, default);
        var signIn = new SignInService(_store.Accounts, new AuditTrail(_store.Audit, SystemClock.Instance), new ApiOptions(), SystemClock.Instance);
        Assert.Null(await signIn.SignInAsync("ext", password, default));
        Assert.NotNull(await signIn.SignInAsync("local", password, default));
        Assert.Equal("https://idp#x", (await _store.Accounts.FindExternalAsync("https://idp#x", default))!.ExternalId);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }
}
