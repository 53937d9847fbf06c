using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;
using NetWatch.Core.Policy.Parsing;

namespace NetWatch.Core.Tests.Policy;

/// <summary>Small policies written inline, for DST, boundary and validation tests.</summary>
public static class TestPolicies
{
    /// <summary>A policy with one staff role whose week is given, personal use allowed in breaks and outside hours.</summary>
    public static string WithWeek(string weekYaml, string extraRoles = "") => $$"""
        name: test
        time_zone: Europe/London
        roles:
          staff:
            kind: staff
            works_on: [term, inset, holiday]
            week:
        {{Indent(weekYaml, 6)}}
        {{extraRoles}}
        categories:
          personal: [social_networks]
          prohibited: [gambling]
        rules:
          - id: gambling
            clause: "1"
            when: { categories: [gambling] }
            verdict: prohibited
          - id: personal-not-working
            clause: "2"
            when: { class: personal, time: not-working }
            verdict: personal-break
          - id: personal-working
            clause: "3"
            when: { class: personal, time: working }
            verdict: personal-working-hours
        """;

    static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(l => new string(' ', spaces) + l));

    public static PolicyEngine Engine(string yaml)
    {
        var result = PolicyParser.Parse(yaml, "test.yaml");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return new PolicyEngine(result.Policy!);
    }
}
