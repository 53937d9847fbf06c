using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace NetWatch.Service.Retention;

/// <summary>
/// The daily retention run inside <c>netwatch run</c>: once a school-local day, at or after <see cref="RetentionPlan.DailyAt"/>
/// (a service started later in the day runs it at start), <see cref="RetentionRunner"/> deletes what is past its period.
/// It looks every <paramref name="poll"/> whether a run is due, by <paramref name="clock"/> (a fake one in tests). A failed
/// run is logged and tried again an hour later. Its logs give kinds and counts only, never a person.
/// </summary>
public sealed class RetentionJob(RetentionRunner runner, RetentionPlan plan, IClock clock, ILogger<RetentionJob> logger, TimeSpan poll)
    : BackgroundService
{
    /// <summary>The audit log's actor for the job's deletions.</summary>
    public const string Actor = "netwatch:retention";
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromMinutes(1);
    private static readonly Duration RetryAfter = Duration.FromHours(1);

    private LocalDate? _lastRun;
    private Instant _notBefore = Instant.MinValue;

    /// <summary>Runs the day's retention when it is due; true when it ran now.</summary>
    public async Task<bool> RunIfDueAsync(CancellationToken cancel)
    {
        var now = clock.GetCurrentInstant();
        var local = now.InZone(plan.Zone).LocalDateTime;
        if (_lastRun == local.Date || local.TimeOfDay < plan.DailyAt || now < _notBefore) return false;
        try
        {
            var outcomes = await runner.RunAsync(plan, Actor, cancel);
            _lastRun = local.Date;
            logger.LogInformation("retention: deleted {Summary}",
                string.Join(", ", outcomes.Select(o => $"{o.Deleted} {o.Rule.Name} older than {o.Rule.Period.Text}")));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _notBefore = now + RetryAfter;
            logger.LogError("retention failed, tried again in an hour: {Message}", ex.Message);
            return false;
        }
    }

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
