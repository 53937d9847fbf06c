using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Core.Policy.Parsing;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Core.Tests.Alerts;

public class AlertMatcherTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 23, 10, 0);

    [Fact]
    public void By_default_every_safeguarding_match_raises_an_alert_with_its_evidence_and_nothing_else_does()
    {
        var m = AlertMatcher.Match(AlertTestEvents.Safeguarding(1, At), AlertRules.Default, SuppressionSet.None)!;
        Assert.Equal(("self-harm", 4, "100001", "p.pupil", "pupil", "Year 9"), (m.Theme, m.Severity, m.School, m.Subject.Person, m.Subject.Role, m.Subject.Group));
        Assert.Equal("how to hurt myself", m.Evidence.SearchTerms);
        Assert.Equal("myself", m.Evidence.Matched);
        Assert.Equal((AlertRules.DefaultSafeguarding.Id, AlertRules.DefaultSafeguarding.Clause, "safeguarding-theme", "9.3"),
            (m.Evidence.Rule, m.Evidence.Clause, m.Evidence.PolicyRule, m.Evidence.PolicyClause));
        Assert.Null(AlertMatcher.Match(TestEvents.Minimal(2, At, "p.pupil"), AlertRules.Default, SuppressionSet.None));
    }

    [Fact]
    public void A_suppression_of_a_phrase_on_a_site_or_of_a_search_term_is_honoured_until_revoked()
    {
        var e = AlertTestEvents.Safeguarding(1, At, terms: "history of self harm awareness", domain: "www.bbc.co.uk");
        var onSite = new Suppression { Id = "s1", Phrase = "awareness", Site = "bbc.co.uk", CreatedBy = "dsl", CreatedAt = At };
        var term = new Suppression { Id = "s2", SearchTerm = "History of  self harm AWARENESS", CreatedBy = "dsl", CreatedAt = At };
        Assert.Null(AlertMatcher.Match(e, AlertRules.Default, new SuppressionSet([onSite])));
        Assert.Null(AlertMatcher.Match(e, AlertRules.Default, new SuppressionSet([term])));
        Assert.NotNull(AlertMatcher.Match(e, AlertRules.Default, new SuppressionSet([onSite with { RevokedAt = At, RevokedBy = "dsl" }])));
        Assert.NotNull(AlertMatcher.Match(e with { Url = e.Url with { Domain = "evilbbc.co.uk" } }, AlertRules.Default, new SuppressionSet([onSite])));
        Assert.NotNull(AlertMatcher.Match(e, AlertRules.Default, new SuppressionSet([onSite with { School = "other" }])));
    }

    [Fact]
    public void A_policys_alert_rules_raise_category_and_finding_alerts_and_keep_the_default_safeguarding_rule()
    {
        var text = File.ReadAllText(RepoFiles.Path("policies/004-droitwich.yaml")) + """

            alerts:
              hours_role: support-staff
              rules:
                - { id: social-media, clause: "5.3", when: { categories: [social_networks] }, severity: 2, theme: social-media }
                - { id: shared-password, clause: "4.1", when: { finding: [shared-password] }, severity: 3 }
            """;
        var policy = PolicyParser.Parse(text, "004").Policy!;
        Assert.Equal(["safeguarding-match", "social-media", "shared-password"], policy.Alerts.Rules.Select(r => r.Id));
        Assert.Equal("support-staff", policy.AlertHoursRole);
        var social = TestEvents.Minimal(1, At, "t.teacher") with { Classification = new Classification { Categories = ["social_networks"] } };
        var m = AlertMatcher.Match(social, policy.Alerts, SuppressionSet.None)!;
        Assert.Equal(("social-media", 2, "5.3", AlertMatcher.NoSchool), (m.Theme, m.Severity, m.Evidence.Clause, m.School));
        var finding = TestEvents.Minimal(2, At) with
        {
            Finding = new Finding { Kind = FindingKinds.SharedPassword, Description = "login a used on b's laptop", RelatedUser = "a", Start = At },
        };
        Assert.Equal(("shared-password", 3, "a"), (AlertMatcher.Match(finding, policy.Alerts, SuppressionSet.None)!.Theme, 3, "a"));
    }

    [Theory]
    [InlineData(FindingKinds.SharedPassword, "shared-password", "3.7, 3.8")]
    [InlineData(FindingKinds.UnregisteredHardware, "unregistered-hardware", "4.1, 4.4")]
    public void The_template_policys_finding_rules_raise_alerts_citing_their_clause(string kind, string theme, string clause)
    {
        var policy = PolicyParser.Parse(File.ReadAllText(RepoFiles.Path("policies/001-template.yaml")), "001").Policy!;
        Assert.Equal(["safeguarding-match", "shared-password", "unregistered-hardware"], policy.Alerts.Rules.Select(r => r.Id));
        var finding = new Finding
        {
            Kind = kind, Description = "seen", RelatedUser = kind == FindingKinds.SharedPassword ? "s.nowak" : null,
            RelatedDevice = "nuc-01", RelatedIp = "10.0.0.9, 10.0.0.10", Start = At,
        };
        var m = AlertMatcher.Match(Core.Identity.Findings.FindingEvents.ToEvent(finding), policy.Alerts, SuppressionSet.None)!;
        Assert.Equal((theme, 2, theme, "seen"), (m.Theme, m.Severity, m.Evidence.Rule, m.Evidence.Explanation));
        Assert.StartsWith(clause, m.Evidence.Clause);
        // A finding about nobody in particular is about the device and its (first) address.
        if (finding.RelatedUser is null) Assert.Equal(("nuc-01", "10.0.0.9", null), (m.Subject.Device, m.Subject.Ip, m.Subject.Person));
        else Assert.Equal("s.nowak", m.Subject.Person);
        // The other finding kinds raise nothing: only the kinds a rule names do.
        Assert.Null(AlertMatcher.Match(Core.Identity.Findings.FindingEvents.ToEvent(finding with { Kind = FindingKinds.UnattributedVolume }), policy.Alerts, SuppressionSet.None));
    }

    [Theory]
    [InlineData("- { id: x, when: { safeguarding: true } }", "missing 'clause'")]
    [InlineData("- { id: x, clause: '1', when: { categories: [games] }, severity: 6 }", "severity must be from 1 to 5")]
    [InlineData("- { id: x, clause: '1', when: { finding: [nope] } }", "finding 'nope' is not one of")]
    [InlineData("- { id: x, clause: '1', when: { safeguarding: true }, severity: 2 }", "use when.min_severity")]
    [InlineData("- { id: x, clause: '1', when: { categories: [games], finding: [shared-password] } }", "matches one thing")]
    [InlineData("- { id: x, clause: '1', when: { categories: [games] }, colour: red }", "unknown key 'colour'")]
    public void Bad_alert_rules_are_errors_at_their_line(string rule, string message)
    {
        var text = File.ReadAllText(RepoFiles.Path("policies/004-droitwich.yaml"));
        var full = text + $"\nalerts:\n  rules:\n    {rule}\n";
        var line = full[..full.IndexOf(rule, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var result = PolicyParser.Parse(full, "004");
        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message);
        Assert.Equal(line, error.Line);
    }
}
