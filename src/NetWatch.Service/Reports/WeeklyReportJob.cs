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
/// Sends the weekly SLT summary once per week: one e-mail, or one per school (<see cref="IWeeklyAddressees"/>). It looks
/// every <paramref name="poll"/> (by <paramref name="clock"/>, a fake one in tests) whether the latest send of the
/// <paramref name="schedule"/> is due and not yet made. The durable record of a week's e-mail is its audit record
/// (<see cref="Action"/>, the week in its query, the school as the record's school), appended once the SMTP server
/// accepted the message: a restart finds it and sends nothing again; a service that was down at the time sends on
/// start. A failed send (the SMTP server down) is tried again with exponential backoff, resuming after a restart; the
/// schools whose e-mail went are not sent again. Its logs give the week, schools and counts only, never a person.
/// </summary>
public sealed class WeeklyReportJob(WeeklyReportSettings settings, WeeklySchedule schedule, IWeeklyAddressees addressees, IWeeklyReportSource source,
    IReportMailer mailer, IAuditLog audit, IClock clock, ILogger<WeeklyReportJob> logger, TimeSpan poll) : BackgroundService
{
    /// <summary>The audit log's actor for the job's reads and sends.</summary>
    public const string Actor = "netwatch:weekly-report";
    public const string Action = "reports.weekly";
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromSeconds(5);
    private const string Trust = "trust";

    private string? _doneWeek;
    /// <summary>The e-mails (week, school or <see cref="Trust"/>) of the week in progress that are settled: sent (now or before), or with nobody to send to.</summary>
    private readonly HashSet<(string Week, string School)> _settled = [];
    /// <summary>Reports read for a week and not yet sent: a retry sends the same message (and writes no second read record).</summary>
    private readonly Dictionary<(string Week, string School), WeeklyReport> _composed = [];
    private int _failures;
    private Instant _notBefore = Instant.MinValue;

    /// <summary>Sends the latest week's e-mails that are due and not sent; true when one was sent now.</summary>
    public async Task<bool> RunIfDueAsync(CancellationToken cancel)
    {
        var now = clock.GetCurrentInstant();
        var send = schedule.Latest(now);
        if (_doneWeek == send.Week || now < _notBefore) return false;
        var sentNow = false;
        var failed = false;
        try
        {
            foreach (var edition in await addressees.ForWeekAsync(send, cancel))
            {
                var key = (send.Week, edition.School ?? Trust);
                if (_settled.Contains(key)) continue;
                try
                {
                    if (await SendAsync(send, edition, cancel)) sentNow = true;
                    _settled.Add(key);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
                {
                    failed = true;
                    logger.LogWarning("weekly report: {Week} for {School} not sent ({Message})", send.Week, key.Item2, ex.Message);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            failed = true; // the schools or accounts could not be read
            logger.LogWarning("weekly report: {Week}: the schools to send to could not be read ({Message})", send.Week, ex.Message);
        }
        if (failed)
        {
            _failures++;
            var wait = Backoff(_failures);
            _notBefore = now + wait;
            logger.LogWarning("weekly report: {Week}: trying again in {Seconds} s", send.Week, (long)wait.TotalSeconds);
        }
        else
        {
            (_doneWeek, _failures) = (send.Week, 0);
            _settled.RemoveWhere(k => k.Week != send.Week);
            foreach (var k in _composed.Keys.Where(k => k.Week != send.Week).ToList()) _composed.Remove(k);
        }
        return sentNow;
    }

    /// <summary>Sends one school's (or the trust's) e-mail of the week unless it was sent already; true when sent now.</summary>
    private async Task<bool> SendAsync(WeeklySend send, WeeklyEdition edition, CancellationToken cancel)
    {
        var school = edition.School ?? Trust;
        if (await SentAlreadyAsync(send.Week, edition.School, cancel))
        {
            logger.LogInformation("weekly report: {Week} for {School} was sent already", send.Week, school);
            return false;
        }
        if (edition.To.Count == 0)
        {
            logger.LogWarning("weekly report: {Week} for {School} has nobody to go to: name its recipients under reports.weekly.schools, or give an SLT account of the school an e-mail address as its name",
                send.Week, school);
            return false;
        }
        var key = (send.Week, school);
        if (!_composed.TryGetValue(key, out var report)) _composed[key] = report = await source.ReadAsync(send, edition.School, cancel);
        await mailer.SendAsync(report, edition.To, MessageId(send.Week, edition.School), cancel);
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
                ["to"] = string.Join(",", edition.To),
            }),
            School = edition.School,
            Rows = report.Rows,
        }, cancel);
        _composed.Remove(key);
        logger.LogInformation("weekly report: {Week} for {School} sent to {Count} recipients", send.Week, school, edition.To.Count);
        return true;
    }

    /// <summary>The wait after the <paramref name="failures"/>th failure in a row: first, twice that, ... up to the maximum.</summary>
    public Duration Backoff(int failures)
    {
        var ticks = settings.RetryFirst.BclCompatibleTicks * Math.Pow(2, Math.Min(failures - 1, 30));
        return ticks >= settings.RetryMax.BclCompatibleTicks ? settings.RetryMax : Duration.FromTicks((long)ticks);
    }

    private async Task<bool> SentAlreadyAsync(string week, string? school, CancellationToken cancel)
    {
        var records = await audit.ReadAsync(new AuditQuery(Actor: Actor, Action: Action), cancel);
        return records.Any(r => r.Record.School == school && r.Record.Outcome == "ok" && r.Record.Query is { } q
            && JsonSerializer.Deserialize<Dictionary<string, string>>(q) is { } values && values.GetValueOrDefault("week") == week);
    }

    private static string MessageId(string week, string? school) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"weekly-report/{school ?? Trust}/{week}")))[..32] + "@netwatch";

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
