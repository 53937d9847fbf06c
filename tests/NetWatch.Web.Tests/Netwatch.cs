using System.Diagnostics;

namespace NetWatch.Web.Tests;

/// <summary>Runs the built <c>netwatch</c> CLI as a separate process, as the school's ICT technician would.</summary>
internal static class Netwatch
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "netwatch.dll");

    public static string Run(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
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
        if (process.ExitCode != 0) throw new InvalidOperationException($"netwatch {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
        return stdout.Result;
    }
}
