using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetWatch.Core.Ecs;
using NetWatch.Storage.Contracts.Audit;
using NodaTime;

namespace NetWatch.Service.Reports;

/// <summary>
/// Sends the weekly SLT summary once per week. It looks every <paramref name="poll"/> (by <paramref name="clock"/>, a
/// fake one in tests) whether the latest send of the <paramref name="schedule"/> is due and not yet made. The durable
/// record of a week's send is its audit record (<see cref="Action"/>, the week in its query), appended once the SMTP
/// server accepted the message: a restart finds it and sends nothing again; a service that was down at the time sends
/// on start. A failed send (the SMTP server down) is tried again with exponential backoff, resuming after a restart.
/// Its logs give the week and counts only, never a person.
/// </summary>
public sealed class WeeklyReportJob(WeeklyReportSettings settings, WeeklySchedule schedule, IWeeklyReportSource source, IReportMailer mailer,
    IAuditLog audit, IClock clock, ILogger<WeeklyReportJob> logger, TimeSpan poll) : BackgroundService
{
    /// <summary>The audit log's actor for the job's reads and sends.</summary>
    public const string Actor = "netwatch:weekly-report";
    public const string Action = "reports.weekly";
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromSeconds(5);

    private string? _sentWeek;
    private (string Week, WeeklyReport Report)? _composed;
    private int _failures;
    private Instant _notBefore = Instant.MinValue;

    /// <summary>Sends the latest week's report if it is due and was not sent; true when it was sent now.</summary>
    public async Task<bool> RunIfDueAsync(CancellationToken cancel)
    {
        var now = clock.GetCurrentInstant();
        var send = schedule.Latest(now);
        if (_sentWeek == send.Week || now < _notBefore) return false;
        if (await SentAlreadyAsync(send.Week, cancel))
        {
            _sentWeek = send.Week;
            logger.LogInformation("weekly report: {Week} was sent already", send.Week);
            return false;
        }
        try
        {
            // Read once per week: a retry sends the same message (and writes no second read record).
            if (_composed?.Week != send.Week) _composed = (send.Week, await source.ReadAsync(send, cancel));
            var report = _composed.Value.Report;
            await mailer.SendAsync(report, settings.To, MessageId(send.Week), cancel);
            await audit.AppendAsync(new AuditRecord
            {
                At = clock.GetCurrentInstant(),
                Actor = Actor,
                Action = Action,
                Purpose = "the weekly SLT summary e-mail",
                Query = JsonSerializer.Serialize(new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["week"] = send.Week,
                    ["from"] = EcsJsonWriter.FormatInstant(send.WeekStart.AtStartOfDayInZone(schedule.Zone).ToInstant()),
                    ["to"] = string.Join(",", settings.To),
                }),
                School = settings.School,
                Rows = report.Rows,
            }, cancel);
            (_sentWeek, _composed, _failures) = (send.Week, null, 0);
            logger.LogInformation("weekly report: {Week} sent to {Count} recipients", send.Week, settings.To.Count);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            _failures++;
            var wait = Backoff(_failures);
            _notBefore = now + wait;
            logger.LogWarning("weekly report: {Week} not sent ({Message}); trying again in {Seconds} s", send.Week, ex.Message, (long)wait.TotalSeconds);
            return false;
        }
    }

    /// <summary>The wait after the <paramref name="failures"/>th failure in a row: first, twice that, ... up to the maximum.</summary>
    public Duration Backoff(int failures)
    {
        var ticks = settings.RetryFirst.BclCompatibleTicks * Math.Pow(2, Math.Min(failures - 1, 30));
        return ticks >= settings.RetryMax.BclCompatibleTicks ? settings.RetryMax : Duration.FromTicks((long)ticks);
    }

    private async Task<bool> SentAlreadyAsync(string week, CancellationToken cancel)
    {
        var records = await audit.ReadAsync(new AuditQuery(Actor: Actor, Action: Action), cancel);
        return records.Any(r => r.Record.School == settings.School && r.Record.Outcome == "ok" && r.Record.Query is { } q
            && JsonSerializer.Deserialize<Dictionary<string, string>>(q) is { } values && values.GetValueOrDefault("week") == week);
    }

    private string MessageId(string week) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"weekly-report/{settings.School ?? "trust"}/{week}")))[..32] + "@netwatch";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunIfDueAsync(stoppingToken);
                await Task.Delay(poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
