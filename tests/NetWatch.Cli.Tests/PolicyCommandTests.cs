using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

public sealed class PolicyCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Store => _dir.File("store");
    private static string Policy(string name) => RepoFiles.Path("policies", name + ".yaml");
    private static string Sample(string name) => RepoFiles.Path("samples", "logs", name);

    [Theory]
    [InlineData("000-local-authority")]
    [InlineData("001-template")]
    [InlineData("002-southover")]
    [InlineData("003-glenmere")]
    [InlineData("004-droitwich")]
    public void Policy_check_accepts_each_shipped_policy_and_prints_its_summary(string name)
    {
        var r = Netwatch.Run("policy", "check", Policy(name));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith($"policy {name}: ", r.Stdout);
        Assert.Contains("time zone: Europe/London; default role (no attribution): staff", r.Stdout);
        Assert.Contains("rules (the first that matches decides; otherwise unclassified):", r.Stdout);
        Assert.Contains("assumptions (where the written policy is silent):", r.Stdout);
        Assert.EndsWith("OK\n", r.Stdout.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Policy_check_on_an_invalid_file_prints_file_line_message_and_exits_2()
    {
        var bad = _dir.File("bad.yaml");
        File.WriteAllText(bad, File.ReadAllText(Policy("004-droitwich")).Replace("verdict: personal-break", "verdict: allowed"));
        var line = File.ReadAllLines(bad).ToList().FindIndex(l => l.Contains("verdict: allowed")) + 1;
        var r = Netwatch.Run("policy", "check", bad);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.StartsWith($"{bad}:{line}: verdict 'allowed' is not one of work, personal-break", r.Stderr);
        Assert.Contains("1 problem: the policy was not loaded", r.Stderr);
    }

    [Fact]
    public void Policy_check_on_a_missing_file_exits_2()
    {
        var r = Netwatch.Run("policy", "check", _dir.File("none.yaml"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cannot read the policy file", r.Stderr);
    }

    [Fact]
    public void Import_with_a_policy_stores_verdicts_and_explain_shows_how_one_was_reached()
    {
        var import = Netwatch.Run("import", "--store", Store, "--policy", Policy("000-local-authority"), Sample("squid-native.log"));
        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Matches(@"visits: [1-9][0-9]* on the days these files cover", import.Stdout);
        var csv = Netwatch.Run("export", "--store", Store, "--format", "csv").Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].Split(',');
        var verdict = Array.IndexOf(header, "netwatch.policy.verdict");
        Assert.True(verdict > 0, csv[0]);
        var classroom = csv.First(l => l.Contains(",http://classroom.google.com/,") && l.Contains(",j.smith,"));
        Assert.Contains(",work,school-systems,", classroom);
        // every event got a verdict and the id of the rule that decided
        Assert.All(csv.Skip(1), l => Assert.Matches(",(work|personal-break|personal-working-hours|prohibited|safeguarding|unclassified),[a-z0-9-]+,", l));

        var id = classroom.Split(',')[1];
        var explain = Netwatch.Run("explain", "--store", Store, "--event", id, "--policies", RepoFiles.Path("policies"));
        Assert.True(explain.ExitCode == 0, explain.Stderr);
        Assert.Contains($"event:      {id}", explain.Stdout);
        Assert.Contains("local time: 2026-11-22T22:24:47.897 (Sunday, UTC+00)", explain.Stdout);
        Assert.Contains("role:       staff (no attribution: the policy's default_role)", explain.Stdout);
        Assert.Contains("  => school-systems [7 (email and internet as tools in an educational context)] -> work: MATCHED", explain.Stdout);
        Assert.DoesNotContain("note: the stored verdict differs", explain.Stdout);

        // judged again with another school's policy: the difference is pointed out
        var other = Netwatch.Run("explain", "--store", Store, "--event", id, "--policy", Policy("004-droitwich"));
        Assert.Contains("note: the stored verdict differs", other.Stdout);
    }

    [Fact]
    public void Import_with_an_invalid_policy_exits_2_before_reading_anything()
    {
        var bad = _dir.File("bad.yaml");
        File.WriteAllText(bad, "name: x\n");
        var r = Netwatch.Run("import", "--store", Store, "--policy", bad, Sample("squid-native.log"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{bad}:1: missing 'roles'", r.Stderr);
        Assert.False(File.Exists(Path.Combine(Store, "netwatch.duckdb")));
    }

    [Fact]
    public void Explain_an_unknown_or_malformed_id_exits_2()
    {
        Netwatch.Run("import", "--store", Store, Sample("squid-native.log"));
        Assert.Equal(2, Netwatch.Run("explain", "--store", Store, "--event", "00000000000000000000000000000000").ExitCode);
        var bad = Netwatch.Run("explain", "--store", Store, "--event", "xyz");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("is not an event id", bad.Stderr);
    }

    [Fact]
    public void Visits_groups_a_users_requests_per_domain()
    {
        Netwatch.Run("import", "--store", Store, Sample("squid-native.log"));
        var r = Netwatch.Run("visits", "--store", Store, "--user", "j.smith", "--policy", Policy("000-local-authority"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.Split('\n');
        // visits group by url.registered_domain (Public Suffix List): classroom., mail. and docs.google.com are one google.com visit
        Assert.Contains(lines, l => l.StartsWith("j.smith") && l.Contains(" google.com ") && l.Contains("work"));
        Assert.DoesNotContain(lines, l => l.StartsWith("a.patel"));
        Assert.Contains("personal use per ISO week:", r.Stdout);
    }

    public void Dispose() => _dir.Dispose();
}
