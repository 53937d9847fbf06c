using System.CommandLine;
using NetWatch.Cli.Output;
using NetWatch.Core.Diagnostics;
using NetWatch.Service;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch run [--config FILE] [--once]</c>: the long-running service. Without --config it runs the embedded
/// default (the shipped sample logs into ./data/store). This command only reads the configuration; the service's
/// composition root (<see cref="Ingestion"/>) builds the pipeline from it. A bad configuration stops it before it
/// starts (exit 2), having created nothing.
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
            // NETWATCH_GC_EVENTS: the service's collections, pauses and promotion as an import prints them (benchmarks).
            using var gcEvents = GcEvents.Start();
            var exit = await ServiceHost.RunAsync(settings, new IngestionOptions(), cancel);
            if (PhaseTimes.Enabled) PhaseOutput.Write();
            if (gcEvents is not null) Console.Error.WriteLine(gcEvents.Report());
            return exit;
        });
        return command;
    }
}
