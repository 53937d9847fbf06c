using System.Text.Json;
using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary>
/// The collector's mode per verb (issue 15): the CLI ships with background collections on, so that `netwatch run`
/// never stops for a whole blocking gen2 collection while an alert waits; `import` keeps them (its store thread goes on
/// while a full collection marks the heap on the other core: faster than batch mode, bench/results/gc-2026-12-03-session15.txt).
/// </summary>
public sealed class GarbageCollectionModeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void The_cli_ships_with_concurrent_collections_on()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "netwatch.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
    }

    [Fact]
    public void Import_runs_with_background_collections()
    {
        var r = Netwatch.RunWithEnvironment(new Dictionary<string, string> { ["NETWATCH_PHASES"] = "1" },
            "import", "--store", _dir.File("store"), RepoFiles.Path("samples", "logs", "squid-native.log"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("(latency mode Interactive)", r.Stderr);
    }

    public void Dispose() => _dir.Dispose();
}
