using NetWatch.Service.Sources.File;
using Spectre.Console;

namespace NetWatch.Cli.Output;

/// <summary>A progress bar per file while an import runs, when standard output is a terminal; nothing otherwise.</summary>
internal static class ImportProgress
{
    public static async Task RunAsync(IReadOnlyList<FileSourceSettings> sources, Func<Task> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            await work();
            return;
        }
        await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                var tasks = sources.Select(s => (Source: s, Task: context.AddTask(Path.GetFileName(s.Path), maxValue: Math.Max(1, new FileInfo(s.Path).Length)))).ToList();
                var running = work();
                while (!running.IsCompleted)
                {
                    foreach (var (source, task) in tasks) task.Value = source.BytesRead.Bytes;
                    await Task.WhenAny(running, Task.Delay(200));
                }
                foreach (var (_, task) in tasks) task.Value = task.MaxValue;
                await running;
            });
    }
}
