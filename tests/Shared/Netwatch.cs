using System.Diagnostics;

namespace NetWatch.Tests.Shared;

/// <summary>
/// Runs the built <c>netwatch</c> CLI (netwatch.dll beside the test binaries, in the projects that reference it) as a
/// separate process, as a school's ICT technician would.
/// </summary>
internal static class Netwatch
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "netwatch.dll");

    public static Result Run(params string[] args) => RunWithInput(null, args);

    public static Result RunWithInput(string? stdin, params string[] args) => RunWith(stdin, null, args);

    /// <summary>Runs it with these environment variables added to the test process's own.</summary>
    public static Result RunWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args) => RunWith(null, environment, args);

    private static Result RunWith(string? stdin, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a step that must succeed (a fixture's set-up): its output, or an exception with what it printed.</summary>
    public static string RunOrThrow(string? stdin, params string[] args)
    {
        var r = RunWithInput(stdin, args);
        if (r.ExitCode != 0) throw new InvalidOperationException($"netwatch {string.Join(' ', args)} exited {r.ExitCode}: {r.Stderr}{r.Stdout}");
        return r.Stdout;
    }
}
