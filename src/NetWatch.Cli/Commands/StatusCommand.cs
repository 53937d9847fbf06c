using System.CommandLine;
using NetWatch.Cli.Output;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch status [--url URL | --store DIR]</c>: how the service is doing, for a technician. With --url (the
/// default, http://127.0.0.1:5080) it reads the running service's /metrics; with --store it reads the committed
/// positions and totals from a store the service is not running on (DuckDB lets one process open it).
/// </summary>
internal static class StatusCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = $"Base URL of a running service's health endpoints (default {DefaultUrl})" };
        var store = new Option<string?>("--store") { Description = "Read the store in DIR instead (the service must not be running on it)" };
        var command = new Command("status", "Print the service's state: per source lines read, events stored, dead letters, lag") { url, store };
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(store) is { } dir)
            {
                using var opened = StoreOpener.OpenExisting(dir);
                await StatusReport.WriteFromStoreAsync(Console.Out, opened, cancel);
                return CliRunner.Success;
            }
            var baseUrl = (parse.GetValue(url) ?? DefaultUrl).TrimEnd('/');
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
