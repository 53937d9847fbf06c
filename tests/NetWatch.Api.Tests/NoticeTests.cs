using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NetWatch.Api.Privacy;
using NetWatch.Api.Privacy.Notice;
using NetWatch.Core.Ecs;
using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Parsing;
using NetWatch.Tests.Shared;

namespace NetWatch.Api.Tests;

/// <summary>
/// The staff transparency notice (seed 000 §7.3.2) against a seed policy: what is recorded, why (the policy's clauses),
/// how long, who can see it (roles and account counts), how to ask; Markdown and HTML, every text escaped.
/// </summary>
public sealed class NoticeTests
{
    private static SchoolPolicy Glenmere => PolicyParser.Parse(File.ReadAllText(RepoFiles.Path("policies", "003-glenmere.yaml")), "003-glenmere.yaml").Policy!;

    private static NoticeFacts Facts(string school = "Glenmere Community Primary School") => new()
    {
        School = school,
        Sources = [new NoticeSource("proxy", "log file", "squid-native"), new NoticeSource("firewall", "syslog-udp", "pfsense-filterlog")],
        AttributionFeeds = ["the people directory (name, role, group)"],
        Classified = true,
        Policy = Glenmere,
        Retention = [.. Glenmere.Retention.Select(r => new NoticeRetention(r.Key, r.Value.Text, $"policy 003-glenmere, clause {r.Value.Clause}")),
            new NoticeRetention("referred_alerts", null, "no period set")],
        Contact = "the school business manager (dpo@glenmere.example)",
    };

    [Fact]
    public async Task The_notice_says_what_why_how_long_who_and_how_to_ask_for_anyone_to_read()
    {
        await using var api = TestApi.Start(extra: services => services.AddSingleton(Facts()));
        using var anonymous = api.Client();

        var response = await anonymous.GetAsync("/api/notice?format=markdown");
        var markdown = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, markdown);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("# How Glenmere Community Primary School monitors network use", markdown);
        Assert.Contains("| proxy | log file | squid-native |", markdown);
        // Why: every rule of the policy with its clause.
        foreach (var rule in Glenmere.Rules) Assert.Contains($"| {MarkdownText.Escape(rule.Id)} |", markdown);
        Assert.Contains("| occasional-private-use | personal use, allowed | 3 Use of the internet (may be used for other purposes if occasional and reasonable) |", markdown);
        Assert.Contains("above 20 minutes a day is flagged (clause 3 Use of the internet", markdown);
        // How long: the seed's periods with their clauses.
        Assert.Contains("| 3 months | policy 003-glenmere, clause 3 Monitoring (assumed: kept only to correct the reading of the record) |", markdown);
        Assert.Contains("| until a period is set | no period set |", markdown);
        // Who: each role, what it sees, and its enabled accounts (TestApi: one trust-wide and one school-B account per role).
        Assert.Contains("| slt | counts and dashboards, people under pseudonyms; the name behind a pseudonym, giving a reason that is recorded | 2 |", markdown);
        Assert.Contains("| ict-admin | sources and unreadable log lines; accounts; nobody's browsing by name | 2 |", markdown);
        // How to ask.
        Assert.Contains("ask the school business manager (dpo@glenmere.example)", markdown);
        // Every stored field of the catalogue is named.
        foreach (var field in EcsFieldCatalog.Fields.Where(f => f.IsStored)) Assert.Contains(MarkdownText.Escape(field.Name), markdown);
        Assert.Empty(api.AuditRecords.Where(r => r.Record.Action.Contains("notice")));
    }

    [Fact]
    public async Task The_html_notice_is_one_accessible_page_with_every_text_encoded()
    {
        await using var api = TestApi.Start(extra: services => services.AddSingleton(Facts("St <b>Bad</b> & \"Co\" | School")));
        using var anonymous = api.Client();

        var response = await anonymous.GetAsync("/api/notice");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en-GB\">", html.ReplaceLineEndings("\n"));
        Assert.Contains("<title>How St &lt;b&gt;Bad&lt;/b&gt; &amp; &quot;Co&quot; | School monitors network use</title>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1>"));
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(html, "<h2>").Count);
        Assert.Equal(System.Text.RegularExpressions.Regex.Matches(html, "<table>").Count, System.Text.RegularExpressions.Regex.Matches(html, "<caption>").Count);
        Assert.DoesNotContain("<th>", html);   // every header cell has its scope
        Assert.DoesNotContain("<script", html);

        var markdown = NoticeMarkdown.Render(TransparencyNotice.Build(Facts("St <b>Bad</b> | School"), null));
        Assert.Contains("# How St \\<b\\>Bad\\</b\\> \\| School monitors network use", markdown);
        Assert.Contains("| not counted |", markdown);
    }

    [Fact]
    public async Task Without_facts_the_route_is_not_found_and_an_unknown_format_is_a_bad_request()
    {
        await using var api = TestApi.Start();
        using var anonymous = api.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/notice")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/notice?format=pdf")).StatusCode);
    }
}
