using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary>
/// A policy category the configured lists do not hold is an error at FILE:LINE with the closest names they do hold,
/// in <c>policy check --lists</c> and at the start of <c>import</c> and <c>run</c>.
/// </summary>
public sealed class PolicyCategoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly string Ut1 = RepoFiles.Path("data", "ut1");
    private static readonly string School = RepoFiles.Path("data", "lists", "school-example");

    /// <summary>The local authority's policy with one category misspelled; returns the file and the misspelling's line.</summary>
    private (string File, int Line) Misspelled()
    {
        var path = _dir.File("misspelled.yaml");
        var lines = File.ReadAllLines(RepoFiles.Path("policies", "000-local-authority.yaml"));
        var line = Array.FindIndex(lines, l => l.Contains("personal: [social_networks,"));
        lines[line] = lines[line].Replace("social_networks", "social_netwroks");
        File.WriteAllLines(path, lines);
        return (path, line + 1);
    }

    [Theory]
    [InlineData("000-local-authority")]
    [InlineData("001-template")]
    [InlineData("002-southover")]
    [InlineData("003-glenmere")]
    [InlineData("004-droitwich")]
    public void Each_shipped_policy_names_only_categories_the_shipped_lists_hold(string name)
    {
        var r = Netwatch.Run("policy", "check", RepoFiles.Path("policies", name + ".yaml"), "--lists", Ut1, "--lists", School);
        Assert.True(r.ExitCode == 0, r.Stderr);
    }

    [Fact]
    public void Policy_check_with_lists_names_the_line_and_the_closest_category()
    {
        var (file, line) = Misspelled();
        Assert.Equal(0, Netwatch.Run("policy", "check", file).ExitCode); // without lists there is nothing to check against
        var r = Netwatch.Run("policy", "check", file, "--lists", Ut1, "--lists", School);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"{file}:{line}: category 'social_netwroks' is not in the configured lists; closest: social_networks", r.Stderr);
    }

    [Fact]
    public void Import_stops_before_reading_a_line()
    {
        var (file, line) = Misspelled();
        var store = _dir.File("store");
        var r = Netwatch.Run("import", "--store", store, "--lists", Ut1, "--policy", file, RepoFiles.Path("samples", "logs", "squid-native.log"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{file}:{line}: category 'social_netwroks'", r.Stderr);
        Assert.False(Directory.Exists(store));
    }

    [Fact]
    public void Run_stops_before_it_starts()
    {
        var (file, line) = Misspelled();
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config, $"""
            store: {_dir.File("store")}
            api:
              port: 0
            enrich:
              lists: [{Ut1}]
              policy: {file}
            sources:
              - name: proxy
                path: {RepoFiles.Path("samples", "logs", "squid-native.log")}
                format: squid-native
            """);
        var r = Netwatch.Run("run", "--config", config, "--once");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{file}:{line}: category 'social_netwroks'", r.Stderr);
    }

    [Fact]
    public void Import_stops_on_a_working_pattern_the_policy_has_no_role_for()
    {
        var people = _dir.File("people.csv");
        File.WriteAllText(people, "username,role,working_pattern\nj.smith,staff,teaching-fte\nm.brown,staff,support-staff\n");
        var policy = RepoFiles.Path("policies", "000-local-authority.yaml");
        var store = _dir.File("store");
        var r = Netwatch.Run("import", "--store", store, "--directory", people, "--policy", policy, RepoFiles.Path("samples", "logs", "squid-native.log"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{people}: working_pattern 'teaching-fte' (j.smith) is not a role of the policy {policy}", r.Stderr);
        Assert.False(Directory.Exists(store));
    }

    public void Dispose() => _dir.Dispose();
}
