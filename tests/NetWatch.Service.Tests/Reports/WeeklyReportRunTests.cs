using NetWatch.Service.Tests.Alerts;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests.Reports;

/// <summary>
/// <c>netwatch run</c> with <c>reports.weekly</c>, as processes: started after this week's send time it sends the
/// latest week's summary to a real SMTP server (postfix's smtp-sink) once; stopped and started again it finds the
/// week's record in the store and sends nothing more.
/// </summary>
public sealed class WeeklyReportRunTests : IDisposable
{
    private const string Subject = "NetWatch weekly summary: week of ";
    private readonly TempDirectory _dir = new();
    private readonly SmtpSink _sink = new();

    public void Dispose()
    {
        _sink.Dispose();
        _dir.Dispose();
    }

    private List<SmtpSink.Mail> WeeklyMessages() => _sink.Messages().Where(m => m.Header("Subject").StartsWith(Subject, StringComparison.Ordinal)).ToList();

    private static void WaitUntil(Func<bool> done, ServiceProcess service, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (!done() && !service.HasExited && DateTime.UtcNow < until) Thread.Sleep(100);
        Assert.True(done(), $"{what}; the service said:\n{service.Stderr}");
    }

    [Theory]
    [InlineData("{ day: monday, time: \"00:00\", to: [head@school.example], link: https://netwatch.school.example }")]
    // One e-mail per school: the store holds one school's events, so one e-mail, to that school's configured head.
    [InlineData("{ day: monday, time: \"00:00\", school: each, schools: { southover-academy: [head@school.example] }, link: https://netwatch.school.example }")]
    public void The_weekly_summary_is_sent_once_and_not_again_after_a_restart(string weekly)
    {
        var store = _dir.File("store");
        Netwatch.RunOrThrow(null, "import", "--store", store, "--school", "Southover Academy",
            "--lists", RepoFiles.Path("data", "ut1"), "--policy", RepoFiles.Path("policies", "000-local-authority.yaml"),
            RepoFiles.Path("samples", "day", "squid-2026-11-24.log"));
        var log = _dir.File("proxy.log");
        File.WriteAllText(log, "");
        var config = _dir.File("netwatch.yaml");
        // A fresh store has no record of any send, so the latest Monday's (whichever day the test runs) is due at start.
        File.WriteAllText(config, $$"""
            store: {{store}}
            school: Southover Academy
            api: { port: 0 }
            sources:
              - { name: proxy, type: file, path: {{log}}, format: squid-native }
            alerts:
              channels:
                - { type: email, host: 127.0.0.1, port: {{_sink.Port}}, from: netwatch@school.example, to: [dsl@school.example], min_severity: 5 }
            reports:
              weekly: {{weekly}}
            """);

        using (var first = ServiceProcess.Start("run", "--config", config))
        {
            WaitUntil(() => WeeklyMessages().Count == 1, first, "the first run sends the week's summary");
            WaitUntil(() => first.Stderr.Contains("sent to 1 recipients"), first, "the first run records the send");
            WaitUntil(() => File.Exists(Path.Combine(store, "service.json")), first, "the first run starts");
            first.Terminate();
            var code = first.WaitForExit();
            Assert.True(code == 0, $"exit {code}: {first.Stderr}");
        }
        using (var second = ServiceProcess.Start("run", "--config", config))
        {
            WaitUntil(() => second.Stderr.Contains("was sent already"), second, "the restarted service finds the week's record");
            // Stopped once it is up (it writes STORE/service.json when its API listens), not while it is starting.
            WaitUntil(() => File.Exists(Path.Combine(store, "service.json")), second, "the restarted service starts");
            second.Terminate();
            var code = second.WaitForExit();
            Assert.True(code == 0, $"exit {code}: {second.Stderr}");
        }
        var mail = Assert.Single(WeeklyMessages());
        Assert.Equal("head@school.example", mail.Header("To"));
        Assert.EndsWith("(southover-academy)", mail.Header("Subject"));
    }
}
