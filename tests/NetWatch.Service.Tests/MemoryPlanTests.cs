using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests;

/// <summary>
/// <c>memory:</c> in the live service (issue 18): its plan is logged at start and the GC of the service's process has the
/// plan's heap limit (read back from the GC, not from the plan); a configuration whose loaded data cannot fit in the plan is
/// refused at start, naming the least setting that fits.
/// </summary>
public sealed class MemoryPlanTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Under_memory_1GB_the_service_runs_with_a_managed_heap_limit_of_409_MB()
    {
        var log = _dir.File("access.log");
        File.Copy(RepoFiles.Path("samples", "logs", "squid-native.log"), log);
        var http = Health.FreeTcpPort();
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config, $"store: {_dir.File("store")}\nmemory: 1GB\napi:\n  port: {http}\nsources:\n  - name: proxy\n    path: {log}\n");
        using var service = ServiceProcess.Start("run", "--config", config);
        var lines = File.ReadLines(log).Count();
        Assert.Equal(lines, Health.WaitFor(http, "netwatch_lines_read_total", v => v >= lines, service, TimeSpan.FromMinutes(2)));
        Assert.Contains("memory 1024MB: DuckDB 256 MB, managed heap limit 409 MB", service.Stderr);
        Assert.Contains("the GC's limit 409 MB", service.Stderr);
        // /metrics shows the plan and what the parts hold: DuckDB's own memory comes from the running store.
        Assert.Equal(409, (long)Health.Sum(http, "netwatch_memory_plan_bytes{part=\"managed_heap_limit\"}")!.Value >> 20);
        Assert.True(Health.Sum(http, "netwatch_memory_bytes{part=\"store\"}") > 0);
        Assert.True(Health.Sum(http, "netwatch_memory_bytes{part=\"resident\"}") > Health.Sum(http, "netwatch_memory_bytes{part=\"store\"}"));
        using (var status = ServiceProcess.Start("status", "--url", $"http://127.0.0.1:{http}"))
        {
            Assert.Equal(0, status.WaitForExit());
            Assert.Matches(@"memory: resident \d+ MB of 1024 MB set, store \d+ MB of 256 MB, managed heap \d+ MB of 409 MB \(its limit\)", status.Stdout);
        }
        service.Terminate();
        Assert.Equal(0, service.WaitForExit());
    }

    [Fact]
    public void A_memory_setting_too_small_for_the_lists_stops_run_with_exit_2_naming_the_least_that_fits()
    {
        var log = _dir.File("access.log");
        File.WriteAllText(log, "");
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config,
            $"store: {_dir.File("store")}\nmemory: 256MB\napi:\n  port: {Health.FreeTcpPort()}\nenrich:\n  lists: [{RepoFiles.Path("data", "ut1")}]\n" +
            $"sources:\n  - name: proxy\n    path: {log}\n");
        using var service = ServiceProcess.Start("run", "--config", config);
        Assert.Equal(2, service.WaitForExit());
        Assert.Matches(@"memory: 256MB is too little for this configuration \(memory 256MB: .*needs memory: \d+MB or more", service.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir.File("store"), "netwatch.duckdb")));
    }

    public void Dispose() => _dir.Dispose();
}
