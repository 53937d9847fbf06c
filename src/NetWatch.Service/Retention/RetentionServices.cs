using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetWatch.Storage.Contracts;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Retention;
using NodaTime;

namespace NetWatch.Service.Retention;

/// <summary>Registers the daily retention job on a host (the one line <c>netwatch run</c>'s host adds).</summary>
public static class RetentionServices
{
    /// <summary>
    /// The job over <paramref name="retention"/> and <paramref name="audit"/> (by default the facets of the container's
    /// <see cref="IStore"/>, the store the service opened), with the container's clock or the system clock. In
    /// <c>netwatch run</c>: through <see cref="Privacy.PrivacyServices.AddNetWatchPrivacy"/>.
    /// </summary>
    public static IServiceCollection AddNetWatchRetention(this IServiceCollection services, RetentionPlan plan,
        Func<IServiceProvider, IRetention>? retention = null, Func<IServiceProvider, IAuditLog>? audit = null, TimeSpan? poll = null) =>
        services.AddHostedService(sp =>
        {
            var clock = sp.GetService<IClock>() ?? SystemClock.Instance;
            var runner = new RetentionRunner(
                retention?.Invoke(sp) ?? sp.GetRequiredService<IStore>().Retention,
                audit?.Invoke(sp) ?? sp.GetRequiredService<IStore>().Audit,
                clock);
            return new RetentionJob(runner, plan, clock, sp.GetRequiredService<ILogger<RetentionJob>>(), poll ?? RetentionJob.DefaultPoll);
        });
}
