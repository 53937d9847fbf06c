using System.CommandLine;
using System.Text;
using NetWatch.Core.Urls;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch classify --lists DIR [--lists DIR2]</c>: URLs on stdin, one per line (absolute URLs or CONNECT
/// "host:port"), and <c>URL&lt;TAB&gt;cat1,cat2</c> on stdout in input order (nothing after the tab when none).
/// Streams: output is flushed whenever the input has nothing more ready, so it also works line by line in a pipe.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create()
    {
        var lists = ListsOption.Create(required: true);
        var command = new Command("classify", "Print the categories of each URL read on standard input") { lists };
        command.SetAction(async (parse, cancel) =>
        {
            var categorizer = ListsOption.Load(parse.GetValue(lists)!);
            using var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, false, 1 << 16);
            await using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
            while (true)
            {
                var next = input.ReadLineAsync(cancel);
                if (!next.IsCompleted) await output.FlushAsync(cancel);
                var line = await next;
                if (line is null) break;
                var url = line.Trim();
                output.Write(url);
                output.Write('\t');
                var categories = categorizer.Categorize(UrlNormalizer.Parse(url));
                for (var i = 0; i < categories.Count; i++)
                {
                    if (i > 0) output.Write(',');
                    output.Write(categories[i]);
                }
                output.Write('\n');
            }
            await output.FlushAsync(cancel);
            return CliRunner.Success;
        });
        return command;
    }
}
