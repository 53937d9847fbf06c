using System.CommandLine;
using NetWatch.Core.Policy;
using NetWatch.Pipeline.Reference;
using NetWatch.Service.Config;
using NetWatch.Storage;

namespace NetWatch.Cli.Commands;

/// <summary>
/// The store named by <c>--store DIR</c> or by the service's <c>--config FILE</c> (its <c>store</c>), with the
/// configuration and its policy when a file is given (<c>retention</c>, <c>subject-access</c>, <c>notice</c>).
/// </summary>
internal sealed class ConfiguredStore
{
    public Option<string?> Store { get; } = new("--store") { Description = "Directory of the store" };
    public Option<string?> Config { get; } = new("--config") { Description = "The service's configuration file (its store, policy and retention are used)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(Config);
    }

    /// <summary>The configuration given by --config, or null with --store; exactly one of them must be given.</summary>
    public ServiceConfig? ReadConfig(ParseResult parse)
    {
        var (store, config) = (parse.GetValue(Store), parse.GetValue(Config));
        if ((store is null) == (config is null)) throw new UsageException("name the store with --store DIR or --config FILE (one of them)");
        if (config is null) return null;
        if (!File.Exists(config)) throw new UsageException($"--config '{config}' does not exist");
        try { return ServiceConfigReader.Load(config); }
        catch (ConfigException ex) { throw new UsageException("bad configuration: " + ex.Message); }
    }

    /// <summary>Opens the existing store of --store, or of the configuration.</summary>
    public DuckDbStore Open(ParseResult parse, ServiceConfig? config)
    {
        var directory = config?.Store ?? parse.GetValue(Store)!;
        if (!DuckDbStore.Exists(directory)) throw new UsageException($"'{directory}' holds no NetWatch store");
        return DuckDbStore.Open(directory);
    }

    /// <summary>The policy file at <paramref name="path"/>, parsed (a bad one is a usage error naming its lines).</summary>
    public static SchoolPolicy? LoadPolicy(string? path)
    {
        if (path is null) return null;
        var result = PolicyFileLoader.Load(path);
        return result.Success ? result.Policy : throw new UsageException($"policy file {path} is invalid:{Environment.NewLine}"
            + string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString())));
    }
}
