using NetWatch.Api.Privacy.Notice;
using NetWatch.Core.Policy;
using NetWatch.Service.Config;
using NetWatch.Service.Retention;
using NetWatch.Service.Sources;
using NetWatch.Service.Sources.File;
using NetWatch.Service.Sources.Syslog;

namespace NetWatch.Service.Privacy;

/// <summary>The transparency notice's facts from a service configuration (what <c>netwatch notice</c> and <c>GET /api/notice</c> show).</summary>
public static class NoticeFactsBuilder
{
    /// <summary>From <paramref name="config"/>, its retention plan and its policy (already read by the caller).</summary>
    public static NoticeFacts From(ServiceConfig config, RetentionPlan retention, SchoolPolicy? policy) => new()
    {
        School = config.School?.Name ?? config.Sources.Select(s => s.School?.Name).FirstOrDefault(n => n is not null),
        Sources = [.. config.Sources.Select(Describe)],
        AttributionFeeds = Feeds(config),
        Classified = config.Lists.Count > 0,
        SemanticSafeguarding = config.Semantic,
        Policy = policy,
        Retention =
        [
            .. retention.Rules.Select(r => new NoticeRetention(r.Name, r.Period.Text, r.Source)),
            .. retention.KeptUntilSet.Select(k => new NoticeRetention(k, null, "no period set")),
        ],
        Contact = config.NoticeContact ?? NoticeFacts.DefaultContact,
    };

    private static NoticeSource Describe(SourceSettings source) => source switch
    {
        FileSourceSettings f => new NoticeSource(f.Name, "log file", f.Format),
        SyslogSettings s => new NoticeSource(s.Name, s.Type, s.Rules.Count == 0 ? null : string.Join(", ", s.Rules.Select(r => r.Format).Distinct())),
        _ => new NoticeSource(source.Name, source.Type, null),
    };

    private static IReadOnlyList<string> Feeds(ServiceConfig config)
    {
        if (config.Attribution is not { IsEmpty: false } a) return [];
        var feeds = new List<string>();
        if (a.Directory is not null) feeds.Add("the people directory (name, role, group)");
        if (a.Devices is not null) feeds.Add("the device register (each device's owner)");
        if (a.Leases.Count > 0) feeds.Add("network address leases and logons (which device or login held an address when)");
        return feeds;
    }
}
