using NetWatch.Api.Auth.Oidc;
using NetWatch.Service.Config;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests;

/// <summary>The <c>api.oidc</c> section: read with its secret from a file and its map in the file's order; every mistake fails at its line.</summary>
public sealed class OidcConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Write(string oidc)
    {
        var path = _dir.File("netwatch.yaml");
        File.WriteAllText(path, "store: s\napi:\n  oidc:\n" + oidc + "sources:\n  - name: a\n    path: x.log\n");
        return path;
    }

    private string SecretFile(string text = "the client secret\n")
    {
        var path = _dir.File("oidc-secret");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_section_gives_the_provider_the_secret_from_its_file_and_the_map_in_the_files_order()
    {
        var path = Write(
            "    issuer: https://login.microsoftonline.com/tenant-id/v2.0\n" +
            "    client_id: 11111111-2222\n" +
            $"    client_secret_file: {SecretFile()}\n" +
            "    display_name: Microsoft\n" +
            "    roles:\n" +
            "      claim: roles\n" +
            "      school: \"100001\"\n" +
            "      map:\n" +
            "        NetWatch.SLT: slt\n" +
            "        NetWatch.DSL: { role: dsl, school: trust }\n" +
            "        NetWatch.Audit.StMarys: { role: auditor, school: \"100002\" }\n");

        var oidc = ServiceConfigReader.Load(path).Api.Oidc!;

        Assert.Equal(new Uri("https://login.microsoftonline.com/tenant-id/v2.0"), oidc.Issuer);
        Assert.Equal(("11111111-2222", "the client secret", "Microsoft"), (oidc.ClientId, oidc.ClientSecret, oidc.DisplayName));
        Assert.Equal("roles", oidc.Roles.Claim);
        Assert.Equal("100001", oidc.Roles.School);
        Assert.Equal(
            [new("NetWatch.SLT", AccountRole.Slt), new("NetWatch.DSL", AccountRole.Dsl, OidcRoleMap.Trust), new("NetWatch.Audit.StMarys", AccountRole.Auditor, "100002")],
            oidc.Roles.Mappings);
        Assert.Equal(OidcSettings.DefaultCallbackPath, oidc.CallbackPath);
    }

    [Fact]
    public void Without_the_section_there_is_no_provider()
    {
        var path = _dir.File("plain.yaml");
        File.WriteAllText(path, "store: s\nsources:\n  - name: a\n    path: x.log\n");
        Assert.Null(ServiceConfigReader.Load(path).Api.Oidc);
    }

    [Theory]
    [InlineData("    issuer: https://accounts.google.com\n    client_secret: x\n    roles: { claim: email, map: { a@b.example: dsl } }\n", 3, "needs a client_id")]
    [InlineData("    client_id: c\n    client_secret: x\n    roles: { map: { a: dsl } }\n", 3, "needs an issuer")]
    [InlineData("    issuer: http://idp.example\n    client_id: c\n    client_secret: x\n    roles: { map: { a: dsl } }\n", 4, "is not an https URL")]
    [InlineData("    issuer: https://idp.example\n    client_id: c\n    client_secret_file: /nonexistent/oidc-secret\n    roles: { map: { a: dsl } }\n", 6, "cannot read the client secret file '/nonexistent/oidc-secret'")]
    [InlineData("    issuer: https://idp.example\n    client_id: c\n    roles: { map: { a: dsl } }\n", 3, "needs client_secret_file")]
    [InlineData("    issuer: https://idp.example\n    client_id: c\n    client_secret: x\n    client_secret_file: /etc/x\n    roles: { map: { a: dsl } }\n", 6, "not both")]
    [InlineData("    issuer: https://idp.example\n    client_id: c\n    client_secret: x\n    roles:\n      map:\n        NetWatch.DSL: dsl\n        NetWatch.Boss: headteacher\n", 10, "role 'headteacher' is not one of dsl, deputy-dsl, slt, auditor, ict-admin")]
    [InlineData("    issuer: https://idp.example\n    client_id: c\n    client_secret: x\n    roles:\n      map:\n        NetWatch.DSL: { school: x }\n", 9, "maps to no role")]
    [InlineData("    issuer: https://idp.example\n    client_id: c\n    client_secret: x\n    roles:\n      claim: roles\n", 7, "needs roles.map")]
    [InlineData("    issuer: https://idp.example\n    client_id: c\n    client_secret: x\n    rols: { map: { a: dsl } }\n", 7, "unknown setting 'api.oidc.rols'")]
    public void A_bad_section_fails_naming_the_line_and_the_problem(string oidc, int line, string problem)
    {
        var path = Write(oidc);
        var error = Assert.Throws<ConfigException>(() => ServiceConfigReader.Load(path));
        Assert.Equal($"{path}:{line}", error.Where);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void An_empty_secret_file_fails_at_its_line()
    {
        var path = Write($"    issuer: https://idp.example\n    client_id: c\n    client_secret_file: {SecretFile(" \n")}\n    roles: {{ map: {{ a: dsl }} }}\n");
        var error = Assert.Throws<ConfigException>(() => ServiceConfigReader.Load(path));
        Assert.Equal($"{path}:6", error.Where);
        Assert.Contains("is empty", error.Problem);
    }

    public void Dispose() => _dir.Dispose();
}
