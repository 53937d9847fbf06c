using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Sources.File;
using NetWatch.Web;

namespace NetWatch.Service;

/// <summary>The web app's view of the running service: the policy's zone and terms, and the settings in force for the ICT page.</summary>
public static class WebAppSettings
{
    public static WebOptions From(ServiceConfig config, Ingestion ingestion, Metrics.ServiceMetrics metrics)
    {
        var options = ingestion.Policy is { } policy ? WebOptions.From(policy) : new WebOptions();
        var settings = new List<KeyValuePair<string, string>> { new("store", config.Store) };
        if (config.School is { } school) settings.Add(new("school", $"{school.Name} ({school.Id})"));
        foreach (var s in config.Sources)
            settings.Add(new($"source {s.Name}", s is FileSourceSettings f ? $"{s.Type}: {f.Path}{(f.Format is null ? "" : " as " + f.Format)}" : s.Type));
        if (config.Lists.Count > 0) settings.Add(new("category lists", string.Join(", ", config.Lists)));
        if (config.Policy is not null) settings.Add(new("policy", config.Policy));
        if (config.Semantic) settings.Add(new("semantic safeguarding layer", "on"));
        if (config.Attribution is { IsEmpty: false } a)
            settings.Add(new("attribution", string.Join(", ", new[] { a.Directory, a.Devices }.Concat(a.Leases).OfType<string>())));
        if (config.Memory is { } memory) settings.Add(new("memory", memory.ToString()));
        settings.Add(new("API", $"{(config.Api.Https ? "https" : "http")}://{config.Api.Bind}:{config.Api.Port}"));
        if (config.Reports.Chromium is { } chromium) settings.Add(new("PDF printer (reports.chromium)", chromium));
        return options with { Settings = settings, Chromium = config.Reports.Chromium, Memory = () => Metrics.MemoryReadings.Of(metrics) };
    }
}
