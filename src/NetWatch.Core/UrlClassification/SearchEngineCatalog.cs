using System.Text.RegularExpressions;
using NetWatch.Core.Events;
using NetWatch.Core.Urls;
using YamlDotNet.RepresentationModel;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// Search engines and the URL parameters that carry the search terms, from Matomo's SearchEngines.yml (CC0,
/// shipped in data/searchengines and embedded here) plus YouTube's <c>search_query</c>, which that list lacks.
/// In host patterns <c>{}</c> stands for a country code: as the last label(s) it matches the public suffix
/// (<c>google.{}</c> matches google.co.uk), elsewhere one label (<c>{}.bing.com</c>). A leading "www." is ignored.
/// </summary>
public sealed class SearchEngineCatalog
{
    internal sealed record Entry(string Engine, string PathPrefix, IReadOnlyList<string> Params, IReadOnlyList<Regex> PathPatterns);

    private readonly Dictionary<string, List<Entry>> _byHost;

    private static readonly Lazy<SearchEngineCatalog> DefaultCatalog = new(() =>
        Parse(EmbeddedText.Read("NetWatch.Core.searchengines.SearchEngines.yml"), "searchengines/SearchEngines.yml"));

    public static SearchEngineCatalog Default => DefaultCatalog.Value;

    private SearchEngineCatalog(Dictionary<string, List<Entry>> byHost) => _byHost = byHost;

    public int HostPatternCount => _byHost.Count;

    public static SearchEngineCatalog Parse(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ReferenceDataException(sourceName, e.Start.Line, e.Message);
        }
        var byHost = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ReferenceDataException(sourceName, 1, "expected a mapping of engine name to configurations");
        foreach (var (nameNode, configsNode) in root.Children)
        {
            var engine = ((YamlScalarNode)nameNode).Value ?? "";
            if (configsNode is not YamlSequenceNode configs)
                throw new ReferenceDataException(sourceName, configsNode.Start.Line, $"engine '{engine}' must have a list of configurations");
            foreach (var config in configs.Children.OfType<YamlMappingNode>())
                AddConfig(byHost, engine, config, sourceName);
        }
        AddYouTube(byHost);
        return new SearchEngineCatalog(byHost);
    }

    private static void AddConfig(Dictionary<string, List<Entry>> byHost, string engine, YamlMappingNode config, string source)
    {
        var urls = Strings(config, "urls");
        var names = new List<string>();
        var patterns = new List<Regex>();
        foreach (var p in Strings(config, "params"))
        {
            if (p.Length > 2 && p[0] == '/' && p[^1] == '/')
            {
                try { patterns.Add(new Regex(p[1..^1], RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50))); }
                catch (ArgumentException e)
                {
                    throw new ReferenceDataException(source, config.Start.Line, $"engine '{engine}': bad parameter regex {p}: {e.Message}");
                }
            }
            else names.Add(p);
        }
        if (names.Count == 0 && patterns.Count == 0) return;
        foreach (var url in urls)
        {
            var slash = url.IndexOf('/');
            var host = (slash < 0 ? url : url[..slash]).ToLowerInvariant();
            var path = slash < 0 ? "" : url[slash..].ToLowerInvariant();
            if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
            if (!byHost.TryGetValue(host, out var list)) byHost[host] = list = [];
            list.Add(new Entry(engine, path, names, patterns));
        }
    }

    private static void AddYouTube(Dictionary<string, List<Entry>> byHost)
    {
        foreach (var host in new[] { "youtube.com", "m.youtube.com", "music.youtube.com" })
        {
            if (!byHost.TryGetValue(host, out var list)) byHost[host] = list = [];
            list.Insert(0, new Entry("YouTube", "/results", ["search_query"], []));
        }
    }

    private static IEnumerable<string> Strings(YamlMappingNode node, string key)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value)) return [];
        return value switch
        {
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0),
            YamlScalarNode scalar when !string.IsNullOrEmpty(scalar.Value) => [scalar.Value!],
            _ => [],
        };
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Entry[]> _forHost = new(StringComparer.Ordinal);

    /// <summary>Engines configured for a host (normalised, as in <see cref="UrlParts.Domain"/>), most specific key first; cached per host.</summary>
    internal Entry[] For(UrlParts url) => url.Domain is null ? [] : For(url.Domain, url.TopLevelDomain);

    /// <summary>As <see cref="For(UrlParts)"/>, from the two parts it reads (the read-ahead's screen has no <see cref="UrlParts"/>).</summary>
    internal Entry[] For(string domain, string? topLevelDomain)
    {
        if (_forHost.TryGetValue(domain, out var cached)) return cached;
        var found = Lookup(domain, topLevelDomain).ToArray();
        if (_forHost.Count < 20_000) _forHost.TryAdd(domain, found);
        return found;
    }

    private IEnumerable<Entry> Lookup(string host, string? tld)
    {
        if (string.IsNullOrEmpty(host) || HostName.IsIpLiteral(host)) yield break;
        if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
        var baseName = tld is not null && host.Length > tld.Length + 1 && host.EndsWith("." + tld, StringComparison.Ordinal)
            ? host[..^(tld.Length + 1)]
            : null;
        var firstDot = host.IndexOf('.');
        var keys = new List<string>(4) { host };
        if (baseName is not null) keys.Add(baseName + ".{}");
        if (firstDot > 0) keys.Add("{}." + host[(firstDot + 1)..]);
        if (baseName is not null && baseName.IndexOf('.') is var d and > 0) keys.Add("{}." + baseName[(d + 1)..] + ".{}");
        foreach (var key in keys)
            if (_byHost.TryGetValue(key, out var entries))
                foreach (var e in entries)
                    yield return e;
    }
}
