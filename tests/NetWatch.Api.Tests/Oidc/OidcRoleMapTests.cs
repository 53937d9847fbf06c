using System.Security.Claims;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Api.Auth.Oidc;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Tests.Oidc;

/// <summary>The claim-to-role map: the first mapping (in the file's order) the person's claim has wins; its school, else the map's, else the trust.</summary>
public sealed class OidcRoleMapTests
{
    private static readonly OidcRoleMap Map = new("roles",
    [
        new("NetWatch.DSL", AccountRole.Dsl, OidcRoleMap.Trust),
        new("NetWatch.SLT.StMarys", AccountRole.Slt, "st-marys"),
        new("NetWatch.SLT", AccountRole.Slt),
        new("NetWatch.Audit", AccountRole.Auditor),
    ], "southover");

    private static Claim[] Claims(string type, params string[] values) => [.. values.Select(v => new Claim(type, v)), new Claim("email", "x@y.example")];

    [Fact]
    public void A_value_gives_its_role_and_its_own_school_else_the_maps_school_else_the_trust()
    {
        Assert.Equal((AccountRole.Slt, "st-marys"), Map.Match(Claims("roles", "NetWatch.SLT.StMarys")));
        Assert.Equal((AccountRole.Slt, "southover"), Map.Match(Claims("roles", "NetWatch.SLT")));
        Assert.Equal((AccountRole.Dsl, (string?)null), Map.Match(Claims("roles", "NetWatch.DSL")));
        Assert.Equal((AccountRole.Dsl, (string?)null), new OidcRoleMap("roles", [new("NetWatch.DSL", AccountRole.Dsl)]).Match(Claims("roles", "NetWatch.DSL")));
    }

    [Fact]
    public void No_mapped_value_or_the_value_in_another_claim_gives_nothing()
    {
        Assert.Null(Map.Match(Claims("roles", "Staff", "Teachers")));
        Assert.Null(Map.Match(Claims("groups", "NetWatch.DSL")));
        Assert.Null(Map.Match([]));
    }

    [Fact]
    public void The_first_mapping_in_the_files_order_wins_and_values_compare_case_insensitively()
    {
        Assert.Equal(AccountRole.Dsl, Map.Match(Claims("roles", "NetWatch.Audit", "netwatch.dsl"))!.Value.Role);
        Assert.Equal("st-marys", Map.Match(Claims("roles", "NetWatch.SLT", "NetWatch.SLT.StMarys"))!.Value.School);
    }

    [Property]
    public Property Match_is_the_first_mapping_whose_value_the_person_has()
    {
        var values = Gen.Elements("a", "B", "c", "d", "E").ListOf().Select(l => l.ToArray());
        return Prop.ForAll(values.ToArbitrary(), values.ToArbitrary(), (mapped, held) =>
        {
            var map = new OidcRoleMap("groups", [.. mapped.Select((v, i) => new OidcRoleMapping(v, AccountRoles.All[i % AccountRoles.All.Count], "s" + i))]);
            var expected = Array.FindIndex(mapped, v => held.Contains(v, StringComparer.OrdinalIgnoreCase));
            var match = map.Match(held.Select(h => new Claim("groups", h.ToLowerInvariant())));
            return expected < 0 ? match is null : match == (AccountRoles.All[expected % AccountRoles.All.Count], "s" + expected);
        });
    }
}
