using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Parsing;

namespace NetWatch.Core.Tests.Policy;

public sealed class PolicyCategoryCheckTests
{
    private const string Policy = """
        name: t
        roles:
          staff:
            kind: staff
            works_on: [term]
            week:
              weekdays: { working: "08:00-16:00" }
        categories:
          personal: [social_networks, facebok]
        rules:
          - id: games
            verdict: prohibited
            clause: "1"
            when: { categories: [gamblng] }
        """;

    [Fact]
    public void Each_category_the_lists_lack_is_an_error_at_its_line_with_the_closest_names()
    {
        var result = PolicyParser.Parse(Policy, "t.yaml");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        var errors = PolicyCategoryCheck.Check(result.Policy!, ["social_networks", "facebook", "gambling", "games"], "t.yaml");
        Assert.Equal([
            "t.yaml:9: category 'facebok' is not in the configured lists; closest: facebook",
            "t.yaml:14: category 'gamblng' is not in the configured lists; closest: gambling",
        ], errors.Select(e => e.ToString()));
    }
}
