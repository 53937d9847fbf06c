using System.CommandLine;

namespace NetWatch.Cli.Commands;

/// <summary>Options several commands share, so they are spelt and described once.</summary>
internal static class CommonOptions
{
    public static Option<string> Store() => new("--store")
    {
        Description = "Directory of the embedded store (created on first import)",
        Required = true,
    };

    /// <summary>The store directory, which must already hold a store (for read-only commands).</summary>
    public static string ExistingStore(ParseResult parse, Option<string> option)
    {
        var dir = parse.GetValue(option)!;
        if (!StoreOpener.Exists(dir))
            throw new UsageException($"--store '{dir}' holds no NetWatch store (run 'netwatch import --store {dir} FILE...' first)");
        return dir;
    }
}
