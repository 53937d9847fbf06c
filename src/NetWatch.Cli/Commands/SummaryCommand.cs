using System.CommandLine;
using NetWatch.Cli.Output;

namespace NetWatch.Cli.Commands;

/// <summary><c>netwatch summary --store DIR | --url URL</c>: what the store holds: counts, time span, top users and sites, dead letters.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var store = StoreReading.Options.Create();
        var top = new Option<int>("--top") { Description = "How many users and sites to list", DefaultValueFactory = _ => 10 };
        var command = new Command("summary", "Print what the store holds: events, time span, top users and sites, dead letters") { top };
        store.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var opened = StoreReading.Open(parse, store, "summary");
            await SummaryReport.WriteAsync(Console.Out, opened.Aggregates, opened.Search, parse.GetValue(top), cancel);
            return CliRunner.Success;
        });
        return command;
    }
}
