using System.CommandLine;
using NetWatch.Core.Events;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Reference;
using NodaTime;
using NetWatch.Service;
using NetWatch.Service.Config;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch run [--config FILE] [--once]</c>: the long-running service. Without --config it runs the embedded
/// default (the shipped sample logs into ./data/store). A bad configuration stops it before it starts (exit 2).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config")
        {
            Description = "Configuration file (YAML or JSON; environment variables NETWATCH_key__subkey override it). Default: the embedded sample replay",
        };
        var once = new Option<bool>("--once") { Description = "Read every file source to its end, store it, and exit (no following)" };
        var command = new Command("run", "Run the service: follow log files and receive syslog into the store, with /metrics and /healthz") { config, once };
        command.SetAction(async (parse, cancel) =>
        {
            ServiceConfig settings;
            try
            {
                settings = parse.GetValue(config) is { } path
                    ? (File.Exists(path) ? ServiceConfigReader.Load(path) : throw new UsageException($"--config '{path}' does not exist"))
                    : ServiceConfigReader.LoadDefault();
            }
            catch (ConfigException ex)
            {
                throw new UsageException("bad configuration: " + ex.Message);
            }
            if (parse.GetValue(once)) settings = settings with { Once = true };
            // The same enrichment as import's: attribution, classification, then the policy's verdict.
            var enrichers = new List<IEventEnricher>();
            if (settings.Attribution is { } attribution)
            {
                try
                {
                    enrichers.Add(new ReloadingAttributionEnricher(attribution, SystemClock.Instance, settings.AttributionReload,
                        message => Console.Error.WriteLine($"netwatch: warning: {message}")));
                }
                catch (AttributionFilesException ex) { throw new UsageException("bad attribution data:" + Environment.NewLine + ex.Message); }
            }
            if (settings.Lists.Count > 0) enrichers.Add(new ClassificationEnricher(ListsOption.Load(settings.Lists)));
            if (settings.Policy is { } policy) enrichers.Add(PolicyOption.Load(policy, settings.Lists, settings.Attribution?.Directory));
            return await ServiceHost.RunAsync(settings, enrichers, cancel);
        });
        return command;
    }
}
