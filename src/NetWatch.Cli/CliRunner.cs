using System.CommandLine;
using NetWatch.Storage.Events;

namespace NetWatch.Cli;

/// <summary>
/// Parses and runs a command with NetWatch's exit codes: 0 success, 2 bad arguments or configuration
/// (the message names what is wrong), 1 failure while running.
/// </summary>
public static class CliRunner
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int BadUsage = 2;

    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter? stderr = null)
    {
        stderr ??= Console.Error;
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"netwatch: {error.Message}");
            stderr.WriteLine("Run 'netwatch --help' for usage.");
            return BadUsage;
        }
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancel.Token);
        }
        // A store written by a newer NetWatch is a problem of the setup, as bad arguments are: nothing in it was changed.
        catch (Exception ex) when (ex is UsageException or NewerStoreException)
        {
            stderr.WriteLine($"netwatch: {ex.Message}");
            return BadUsage;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("netwatch: cancelled");
            return RuntimeFailure;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"netwatch: failed: {ex.Message}");
            return RuntimeFailure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
