using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary><c>netwatch notice --config FILE</c>: the staff notice from a configuration with seed policy 004.</summary>
public sealed class NoticeCommandTests
{
    [Fact]
    public void The_notice_is_made_from_the_configuration_and_its_policy()
    {
        using var dir = new TempDirectory();
        var config = dir.File("netwatch.yaml");
        File.WriteAllText(config, $"""
            store: {dir.File("store")}
            school: Droitwich Spa High School
            enrich:
              policy: {RepoFiles.Path("policies", "004-droitwich.yaml")}
            retention:
              events: 6 months
            notice:
              contact: the Governance Manager (privacy@school.example)
            sources:
              - name: proxy
                path: {dir.File("access.log")}
                format: squid-native
            """);

        var markdown = Netwatch.Run("notice", "--config", config);
        Assert.True(markdown.ExitCode == 0, markdown.Stderr);
        Assert.Contains("# How Droitwich Spa High School monitors network use", markdown.Stdout);
        Assert.Contains("| proxy | log file | squid-native |", markdown.Stdout);
        Assert.Contains("| personal-social-media | prohibited | 5.3 (personal use of social media never permitted); 5.1 (includes chat-rooms and dating websites) |", markdown.Stdout);
        Assert.Contains("| 6 months | configuration (retention.events) |", markdown.Stdout);
        Assert.Contains("| 12 months | policy 004-droitwich, clause 6 (ascertaining compliance with policies) |", markdown.Stdout);
        Assert.Contains("ask the Governance Manager (privacy@school.example)", markdown.Stdout);

        var page = dir.File("notice.html");
        var html = Netwatch.Run("notice", "--config", config, "--format", "html", "--out", page);
        Assert.True(html.ExitCode == 0, html.Stderr);
        Assert.Contains("<caption>The policy&#x27;s rules</caption>", File.ReadAllText(page));
    }
}
