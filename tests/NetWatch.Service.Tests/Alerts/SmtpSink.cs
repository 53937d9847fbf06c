using System.Diagnostics;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests.Alerts;

/// <summary>
/// Postfix's <c>smtp-sink</c> on 127.0.0.1 (test.sh installs postfix): a real SMTP server that writes each message it
/// accepts to a file of its own. It can be stopped and started again on the same port (an SMTP server that is down for a while).
/// </summary>
internal sealed class SmtpSink : IDisposable
{
    private const string Program = "/usr/sbin/smtp-sink";
    private readonly TempDirectory _dir = new();
    private Process? _process;

    public int Port { get; } = Health.FreeTcpPort();

    public SmtpSink(bool start = true)
    {
        if (!File.Exists(Program)) throw new InvalidOperationException($"{Program} is missing: install postfix (./test.sh does)");
        // smtp-sink drops privileges to 'nobody', which must be able to write the messages.
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0x1FF);
        if (start) Start();
    }

    public void Start()
    {
        var info = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-u", "nobody", "-d", Path.Combine(_dir.Path, "%M."), "-c", $"127.0.0.1:{Port}", "10" }) info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            try { using var c = new System.Net.Sockets.TcpClient("127.0.0.1", Port); return; }
            catch (System.Net.Sockets.SocketException) { Thread.Sleep(50); }
        }
        throw new InvalidOperationException("smtp-sink did not start: " + _process.StandardError.ReadToEnd());
    }

    public void Stop()
    {
        if (_process is { HasExited: false }) { _process.Kill(); _process.WaitForExit(); }
        _process = null;
    }

    /// <summary>The messages received so far, each parsed into its headers (the last of a name wins) and body.</summary>
    public List<Mail> Messages() => Directory.GetFiles(_dir.Path).Order().Select(f => Mail.Parse(File.ReadAllText(f))).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages are in.</summary>
    public List<Mail> WaitFor(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        List<Mail> messages;
        while ((messages = Messages()).Count < count && DateTime.UtcNow < until) Thread.Sleep(50);
        return messages;
    }

    public void Dispose()
    {
        Stop();
        _dir.Dispose();
    }

    public sealed record Mail(IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";

        public static Mail Parse(string text)
        {
            var split = text.IndexOf("\n\n", StringComparison.Ordinal);
            var head = (split < 0 ? text : text[..split]).Replace("\n\t", " ").Replace("\n ", " ");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in head.Split('\n'))
                if (line.IndexOf(':') is > 0 and var colon) headers[line[..colon]] = line[(colon + 1)..].Trim();
            return new Mail(headers, split < 0 ? "" : text[(split + 2)..]);
        }
    }
}
