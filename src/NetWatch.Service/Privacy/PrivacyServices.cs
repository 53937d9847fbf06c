using Microsoft.Extensions.DependencyInjection;
using NetWatch.Core.Policy;
using NetWatch.Pipeline.Reference;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Retention;

namespace NetWatch.Service.Privacy;

/// <summary>
/// What <c>netwatch run</c>'s host adds for privacy, in one line (<c>builder.Services.AddNetWatchPrivacy(config)</c>): the
/// daily retention job over the opened store, and the transparency notice's facts that <c>GET /api/notice</c> shows.
/// </summary>
public static class PrivacyServices
{
    public static IServiceCollection AddNetWatchPrivacy(this IServiceCollection services, ServiceConfig config)
    {
        var policy = PolicyOf(config);
        var plan = RetentionPlan.Resolve(config.Retention, policy);
        return services
            .AddNetWatchRetention(plan)
            .AddSingleton(NoticeFactsBuilder.From(config, plan, policy));
    }

    /// <summary>The configuration's policy (<c>enrich.policy</c>), read again here; one that cannot be read is a
    /// <see cref="ReferenceDataException"/>, as at the service's start.</summary>
    public static SchoolPolicy? PolicyOf(ServiceConfig config)
    {
        if (config.Policy is not { } path) return null;
        var result = PolicyFileLoader.Load(path);
        return result.Success ? result.Policy : throw new ReferenceDataException("policy",
            $"policy file {path} is invalid:{Environment.NewLine}" + string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString())));
    }
}
