using System.Diagnostics;
using System.Text;

namespace NetWatch.Service.Tests;

/// <summary>The built <c>netwatch</c> CLI run as a child process (so that it can be killed like a real service).</summary>
internal sealed class ServiceProcess : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "netwatch.dll");
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();

    private ServiceProcess(Process process) => _process = process;

    public static ServiceProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    public static ServiceProcess StartIn(string workingDirectory, params string[] args) => Start(new Dictionary<string, string>(), args, workingDirectory);

    public static ServiceProcess Start(IReadOnlyDictionary<string, string> environment, string[] args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(process);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (service._stderr) service._stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (service._stdout) service._stdout.AppendLine(e.Data); };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return service;
    }

    public int Id => _process.Id;

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemd stops a service.</summary>
    public void Terminate()
    {
        if (!_process.HasExited) Posix.Kill(_process.Id, Posix.SigTerm);
    }

    public int WaitForExit()
    {
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}

internal static partial class Posix
{
    public const int SigTerm = 15;

    [System.Runtime.InteropServices.LibraryImport("libc.so.6", EntryPoint = "kill")]
    public static partial int Kill(int pid, int signal);
}
