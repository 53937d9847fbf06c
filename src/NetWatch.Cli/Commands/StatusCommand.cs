using System.CommandLine;
using NetWatch.Cli.Output;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch status [--url URL | --store DIR]</c>: how the service is doing, for a technician. With --url (the
/// default, http://127.0.0.1:5080) it reads the running service's /metrics; with --store it reads the committed
/// positions and totals from the store, or, while the service holds it, the service's /metrics (found from the store
/// directory).
/// </summary>
internal static class StatusCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = $"Base URL of a running service's /metrics (default {DefaultUrl})" };
        var store = new Option<string?>("--store") { Description = "Read the store in DIR instead (through the service's /metrics while it runs on it)" };
        var command = new Command("status", "Print the service's state: per source lines read, events stored, dead letters, lag") { url, store };
        command.SetAction(async (parse, cancel) =>
        {
            string baseUrl;
            if (parse.GetValue(store) is { } dir)
            {
                using var opened = StoreReading.OpenStore(dir, "status");
                if (opened.ServiceUrl is null)
                {
                    await StatusReport.WriteFromStoreAsync(Console.Out, dir, opened.Search, opened.Checkpoints, cancel);
                    return CliRunner.Success;
                }
                baseUrl = opened.ServiceUrl;
            }
            else baseUrl = (parse.GetValue(url) ?? DefaultUrl).TrimEnd('/');
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            string metrics;
            try
            {
                metrics = await http.GetStringAsync(baseUrl + "/metrics", cancel);
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"netwatch: no service answers at {baseUrl} ({ex.Message})");
                return CliRunner.RuntimeFailure;
            }
            StatusReport.WriteFromMetrics(Console.Out, metrics);
            return CliRunner.Success;
        });
        return command;
    }
}
