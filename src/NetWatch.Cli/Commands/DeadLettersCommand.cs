using System.CommandLine;

namespace NetWatch.Cli.Commands;

/// <summary><c>netwatch dead-letters --store DIR | --url URL</c>: every line that did not become an event, with why.</summary>
internal static class DeadLettersCommand
{
    public static Command Create()
    {
        var store = StoreReading.Options.Create();
        var command = new Command("dead-letters", "List the lines that could not be parsed: source:line, reason, detail and the raw line");
        store.AddTo(command);
        command.SetAction(parse =>
        {
            using var opened = StoreReading.Open(parse, store, "dead-letters");
            var count = 0;
            foreach (var d in opened.Search.DeadLettersAsync(CancellationToken.None).ToBlockingEnumerable())
            {
                Console.Out.WriteLine($"{d.Source}:{d.LineNumber}\t{d.Reason}\t{d.Detail ?? "-"}\t{d.Raw}");
                count++;
            }
            Console.Error.WriteLine($"{count} dead letters");
            return CliRunner.Success;
        });
        return command;
    }
}
