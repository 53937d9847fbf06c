using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NetWatch.Api;
using NetWatch.Api.Auth.Oidc;
using NetWatch.Api.Hosting;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Tests.Shared;
using NetWatch.Web.Hosting;
using static NetWatch.Web.Tests.Oidc.TestIssuer;

namespace NetWatch.Web.Tests.Oidc;

/// <summary>
/// The web app with sign-in through a school's OpenID provider (<see cref="TestIssuer"/>), as <c>netwatch run</c>
/// builds it from <c>api.oidc</c>: the provider's <c>roles</c> claim maps NetWatch.DSL to a trust-wide DSL and
/// NetWatch.SLT to the SLT of Southover, except that St Mary's SLT role is scoped to St Mary's. The people the
/// provider knows: a DSL, the SLT of each school, a teacher with no NetWatch role, and three whose tokens are forged.
/// </summary>
public sealed class OidcWebApp : IAsyncLifetime
{
    public const string Provider = "Test school";
    public const string Southover = "southover-academy";
    public const string StMarys = "st-marys";

    private readonly TempDirectory _dir = new();
    private DuckDbStore? _store;
    private WebApplication? _app;

    public TestIssuer Issuer { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public DuckDbStore Store => _store!;

    public async Task InitializeAsync()
    {
        static Dictionary<string, object> Claims(string email, params string[] roles) =>
            new() { ["email"] = email, ["name"] = email.Split('@')[0], ["roles"] = roles };
        Issuer = await StartAsync(new Dictionary<string, Person>
        {
            ["dsl"] = new("AbC-dsl-subject_1", Claims("dsl@southover.example", "NetWatch.DSL")),
            ["slt-southover"] = new("slt-southover-subject", Claims("head@southover.example", "NetWatch.SLT")),
            ["slt-stmarys"] = new("slt-stmarys-subject", Claims("head@stmarys.example", "NetWatch.SLT.StMarys")),
            ["teacher"] = new("teacher-subject", Claims("teacher@southover.example", "Staff")),
            ["disabled-dsl"] = new("disabled-dsl-subject", Claims("deputy@southover.example", "NetWatch.DSL")),
            ["forged-signature"] = new("forged-1", Claims("forged1@southover.example", "NetWatch.DSL"), Forgery.WrongSignature),
            ["forged-issuer"] = new("forged-2", Claims("forged2@southover.example", "NetWatch.DSL"), Forgery.WrongIssuer),
            ["forged-audience"] = new("forged-3", Claims("forged3@southover.example", "NetWatch.DSL"), Forgery.WrongAudience),
        });
        _store = DuckDbStore.Open(_dir.Path);
        var options = new ApiOptions
        {
            Port = 0,
            PseudonymSecret = "oidc tests' pseudonym secret, 16+ characters",
            SignInsPerMinute = 1000,
            Oidc = new OidcSettings
            {
                Issuer = Issuer.Issuer,
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                DisplayName = Provider,
                Roles = new OidcRoleMap("roles",
                [
                    new("NetWatch.DSL", AccountRole.Dsl, OidcRoleMap.Trust),
                    new("NetWatch.SLT.StMarys", AccountRole.Slt, StMarys),
                    new("NetWatch.SLT", AccountRole.Slt),
                ], Southover),
            },
        };
        _app = await TestHost.StartAsync(_store, options, null, new NetWatch.Service.Alerts.AlertFeed());
        Address = ApiHost.Address(_app);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await Issuer.DisposeAsync();
        _store?.Dispose();
        _dir.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class OidcCollection : ICollectionFixture<OidcWebApp>, ICollectionFixture<Browser>
{
    public const string Name = "oidc";
}
