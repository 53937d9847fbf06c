using System.CommandLine;
using System.Diagnostics;
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
        var stats = new Option<bool>("--stats") { Description = "Print load time, list sizes and URLs/s on standard error" };
        var command = new Command("classify", "Print the categories of each URL read on standard input") { lists, stats };
        command.SetAction(async (parse, cancel) =>
        {
            var clock = Stopwatch.StartNew();
            var categorizer = ListsOption.Load(parse.GetValue(lists)!);
            var loaded = clock.Elapsed;
            long count = 0;
            using var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, false, 1 << 16);
            await using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
            while (true)
            {
                var next = input.ReadLineAsync(cancel);
                if (!next.IsCompleted) await output.FlushAsync(cancel);
                var line = await next;
                if (line is null) break;
                count++;
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
            if (parse.GetValue(stats))
            {
                var run = clock.Elapsed - loaded;
                Console.Error.WriteLine(
                    $"lists: {categorizer.ListSets.Count} set(s), {categorizer.ListSets.Sum(s => s.DomainEntryCount):N0} domain and "
                    + $"{categorizer.ListSets.Sum(s => s.UrlEntryCount):N0} url entries, ~{categorizer.ListSets.Sum(s => s.MemoryBytes) / 1e6:F0} MB, "
                    + $"loaded in {loaded.TotalSeconds:F2} s; classified {count:N0} URLs in {run.TotalSeconds:F2} s "
                    + $"({(run.TotalSeconds > 0 ? count / run.TotalSeconds : 0):N0} URLs/s); peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
            }
            return CliRunner.Success;
        });
        return command;
    }
}
