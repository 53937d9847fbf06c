using System.CommandLine;
using NetWatch.Storage;
using NetWatch.Storage.Contracts;

namespace NetWatch.Cli.Commands;

/// <summary>
/// Where the CLI's reading verbs get their store: the one place that knows it is the embedded DuckDB store. The verbs
/// see only its contracts (search, checkpoints, aggregates).
/// </summary>
internal static class StoreOpener
{
    /// <summary>True when <paramref name="directory"/> holds a store.</summary>
    public static bool Exists(string directory) => DuckDbStore.Exists(directory);

    /// <summary>Opens the store in <paramref name="directory"/>, which must already hold one.</summary>
    public static IStore OpenExisting(string directory) =>
        Exists(directory) ? DuckDbStore.Open(directory) : throw new UsageException($"--store '{directory}' holds no NetWatch store");

    /// <summary>Opens the store named by the --store option (for read-only commands: it must exist).</summary>
    public static IStore OpenExisting(ParseResult parse, Option<string> option) =>
        DuckDbStore.Open(CommonOptions.ExistingStore(parse, option));
}
