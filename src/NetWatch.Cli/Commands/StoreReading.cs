using System.CommandLine;
using System.Text.Json;
using DuckDB.NET.Data;
using NetWatch.Cli.Remote;
using NetWatch.Service;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Cli.Commands;

/// <summary>
/// What the reading verbs (export, summary, visits, dead-letters, explain, status) read through: the store contracts,
/// from the store file when no process holds it, or from the service's API when <c>netwatch run</c> holds it (found
/// from <c>STORE/service.json</c>, with its local token) or when <c>--url</c> names a service (with an account's token
/// from <c>NETWATCH_TOKEN</c> or <c>--token-file</c>). The verbs are written once, against the contracts, so they
/// print the same either way. A direct read of the store file is an audit record of the OS user (<c>os:USER</c>), as
/// a read through the API is.
/// </summary>
internal sealed class StoreReading : IDisposable
{
    public const string TokenVariable = "NETWATCH_TOKEN";

    private readonly IDisposable _owner;

    private StoreReading(IEventSearch search, IAggregates aggregates, ICheckpointReader checkpoints, string? serviceUrl, IDisposable owner)
    {
        (Search, Aggregates, Checkpoints, ServiceUrl, _owner) = (search, aggregates, checkpoints, serviceUrl, owner);
    }

    public IEventSearch Search { get; }
    public IAggregates Aggregates { get; }
    public ICheckpointReader Checkpoints { get; }

    /// <summary>The running service read through, or null when the store file is read.</summary>
    public string? ServiceUrl { get; }

    /// <summary>The options of a reading verb: <c>--store DIR</c> or <c>--url URL [--token-file FILE]</c>.</summary>
    public sealed record Options(Option<string?> Store, Option<string?> Url, Option<string?> TokenFile)
    {
        public static Options Create() => new(
            new Option<string?>("--store") { Description = "Directory of the store (read through the running service's API while `netwatch run` holds it)" },
            new Option<string?>("--url") { Description = $"Read through the service's API at URL instead (an account's token from ${TokenVariable} or --token-file)" },
            new Option<string?>("--token-file") { Description = "File holding the API token for --url (default: the NETWATCH_TOKEN environment variable)" });

        public void AddTo(Command command)
        {
            command.Options.Add(Store);
            command.Options.Add(Url);
            command.Options.Add(TokenFile);
        }
    }

    /// <summary>Opens what <paramref name="options"/> name for <paramref name="verb"/>, with the filters it reads (for the audit record of a direct read).</summary>
    public static StoreReading Open(ParseResult parse, Options options, string verb, IReadOnlyDictionary<string, string>? filters = null)
    {
        var osUser = Environment.UserName;
        if (parse.GetValue(options.Url) is { } url)
        {
            if (parse.GetValue(options.Store) is not null) throw new UsageException("give --store or --url, not both");
            return Remote(url, Token(parse, options), osUser: null);
        }
        return OpenStore(parse.GetValue(options.Store) ?? throw new UsageException("--store DIR (or --url URL) is required"), verb, filters);
    }

    /// <summary>The store in <paramref name="dir"/>: its file, or the service holding it.</summary>
    public static StoreReading OpenStore(string dir, string verb, IReadOnlyDictionary<string, string>? filters = null)
    {
        var osUser = Environment.UserName;
        if (!StoreOpener.Exists(dir))
            throw new UsageException($"--store '{dir}' holds no NetWatch store (run 'netwatch import --store {dir} FILE...' first)");
        DuckDbStore store;
        try
        {
            store = DuckDbStore.Open(dir);
        }
        catch (DuckDBException ex) when (ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            // Held by another process: the service, if it says so in the store directory and answers there.
            if (ServiceFile.Read(dir) is not { } service)
                throw new RemoteReadException($"the store in {dir} is held by another process, and no running service says where it serves it ({ex.Message})");
            return Remote(service.Url, service.Token, osUser);
        }
        store.Audit.AppendAsync(new AuditRecord
        {
            At = SystemClock.Instance.GetCurrentInstant(),
            Actor = Api.Auth.LocalAccess.ActorPrefix + osUser,
            Action = "cli." + verb,
            Query = JsonSerializer.Serialize(new SortedDictionary<string, string>((filters ?? new Dictionary<string, string>()).ToDictionary(), StringComparer.Ordinal)),
        }, CancellationToken.None).GetAwaiter().GetResult();
        return new StoreReading(store.Search, store.Aggregates, store.Checkpoints, null, store);
    }

    /// <summary>A search's filters as its audit record keeps them (the API's parameter names).</summary>
    public static IReadOnlyDictionary<string, string> Filters(EventQuery query) =>
        Api.Routes.EventFilters.ToParameters(query).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => string.Join(',', g.Select(p => p.Value)));

    private static StoreReading Remote(string url, string token, string? osUser)
    {
        var api = new ApiClient(url, token, osUser);
        var aggregates = new RemoteAggregates(api);
        return new StoreReading(new RemoteEventSearch(api, aggregates), aggregates, new RemoteCheckpoints(api), api.BaseUrl, api);
    }

    private static string Token(ParseResult parse, Options options)
    {
        if (parse.GetValue(options.TokenFile) is { } file)
        {
            try { return File.ReadAllText(file).Trim() is { Length: > 0 } token ? token : throw new UsageException($"--token-file '{file}' is empty"); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new UsageException($"--token-file '{file}': cannot read it: {ex.Message}"); }
        }
        return Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } variable ? variable.Trim()
            : throw new UsageException($"--url needs an API token: set {TokenVariable} or give --token-file FILE ('netwatch users token NAME' makes one)");
    }

    public void Dispose() => _owner.Dispose();
}
