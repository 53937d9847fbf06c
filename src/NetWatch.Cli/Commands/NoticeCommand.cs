using System.CommandLine;
using NetWatch.Api.Privacy.Notice;
using NetWatch.Service.Config;
using NetWatch.Service.Privacy;
using NetWatch.Service.Retention;
using NetWatch.Storage;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch notice --config FILE [--format markdown|html] [--out FILE]</c>: the staff transparency notice (seed 000
/// §7.3.2) from the service's configuration: sources, fields, the policy's clauses, retention, roles and their accounts
/// (counted from the store when it exists), and whom to ask for one's own data.
/// </summary>
internal static class NoticeCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The service's configuration file", Required = true };
        var format = new Option<string>("--format") { Description = "markdown or html", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "html");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        var command = new Command("notice", "Write the staff transparency notice: what is recorded, why, how long, who can see it, how to ask for one's own data")
        {
            config, format, output,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(config)!;
            if (!File.Exists(path)) throw new UsageException($"--config '{path}' does not exist");
            ServiceConfig settings;
            try { settings = ServiceConfigReader.Load(path); }
            catch (ConfigException ex) { throw new UsageException("bad configuration: " + ex.Message); }
            var policy = ConfiguredStore.LoadPolicy(settings.Policy);
            var facts = NoticeFactsBuilder.From(settings, RetentionPlan.Resolve(settings.Retention, policy), policy);
            IReadOnlyList<NetWatch.Storage.Contracts.Accounts.Account>? accounts = [];
            if (DuckDbStore.Exists(settings.Store))
            {
                try
                {
                    using var store = DuckDbStore.Open(settings.Store);
                    accounts = await store.Accounts.ListAsync(cancel);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The running service holds the store: its GET /api/notice counts them.
                    Console.Error.WriteLine($"netwatch: accounts not counted (the store cannot be opened: {ex.Message}); GET /api/notice of the running service counts them");
                    accounts = null;
                }
            }
            var document = TransparencyNotice.Build(facts, accounts);
            var text = parse.GetValue(format) == "html" ? NoticeHtml.Render(document) : NoticeMarkdown.Render(document);
            if (parse.GetValue(output) is { } file) await File.WriteAllTextAsync(file, text, cancel);
            else Console.Out.Write(text);
            return CliRunner.Success;
        });
        return command;
    }
}
