using System.Diagnostics;
using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary>
/// The CLI ships precompiled (issue 18): `dotnet publish src/NetWatch.Cli` (run.sh, the bench scripts) makes ReadyToRun
/// images, so that a run does not spend seconds compiling our code and the packages' at tier 0, while `dotnet build` and
/// `dotnet test` stay IL-only (no crossgen time in the tests' builds); after such a publish the CLI's CheckReadyToRun
/// target fails the publish when netwatch.dll or NetWatch.Core.dll is not a ReadyToRun image. Publishing takes minutes,
/// so these tests ask MSBuild for the project's properties and run the check on assemblies at hand: this directory's
/// netwatch.dll (built, so IL only) and the runtime's System.Private.CoreLib.dll (shipped ReadyToRun).
/// </summary>
public sealed class ReadyToRunPublishTests
{
    private static readonly string Project = RepoFiles.Path("src", "NetWatch.Cli", "NetWatch.Cli.csproj");

    [Fact]
    public void A_publish_compiles_ready_to_run_code_for_the_shared_runtime()
    {
        var r = MsBuild("-getProperty:PublishReadyToRun", "-getProperty:SelfContained", "-getProperty:RuntimeIdentifier",
            "-p:_IsPublishing=true", "-p:Configuration=Release");
        Assert.True(r.ExitCode == 0, r.Output);
        Assert.Contains("\"PublishReadyToRun\": \"true\"", r.Output);
        Assert.Contains("\"SelfContained\": \"false\"", r.Output);
        Assert.DoesNotContain("\"RuntimeIdentifier\": \"\"", r.Output); // crossgen2 needs one: this machine's
    }

    [Fact]
    public void A_build_compiles_no_ready_to_run_code()
    {
        var r = MsBuild("-getProperty:PublishReadyToRun", "-getProperty:RuntimeIdentifier", "-p:Configuration=Release");
        Assert.True(r.ExitCode == 0, r.Output);
        Assert.Contains("\"PublishReadyToRun\": \"\"", r.Output);
        Assert.Contains("\"RuntimeIdentifier\": \"\"", r.Output); // the portable build the tests run
    }

    [Fact]
    public void The_check_fails_on_an_IL_only_assembly()
    {
        var built = Path.Combine(AppContext.BaseDirectory, "netwatch.dll");
        var r = MsBuild("-t:CheckReadyToRun", "-p:ReadyToRunCheckFiles=" + built);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("not a ReadyToRun image", r.Output);
        Assert.Contains(built, r.Output);
    }

    [Fact]
    public void The_check_passes_on_ready_to_run_assemblies()
    {
        var coreLib = typeof(object).Assembly.Location;
        var r = MsBuild("-t:CheckReadyToRun", "-v:normal", "-p:ReadyToRunCheckFiles=" + coreLib + "%3B" + coreLib);
        Assert.True(r.ExitCode == 0, r.Output);
        Assert.Contains("ReadyToRun image: " + coreLib, r.Output);
    }

    private sealed record Result(int ExitCode, string Output);

    /// <summary>`dotnet msbuild` on the CLI's project, no build server and no restore (evaluation and one target only).</summary>
    private static Result MsBuild(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        // The test host's own MSBuild variables (set by `dotnet test`) would point the child at another SDK resolution.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        foreach (var a in new[] { "msbuild", Project, "-nologo", "-nodeReuse:false" }.Concat(args)) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result + stderr.Result);
    }
}
