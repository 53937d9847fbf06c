using NetWatch.Core.UrlClassification;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>Builds matchers from inline lists for tests.</summary>
internal static class Lists
{
    public static CategoryMatcher Matcher(
        IEnumerable<(string Category, string Domain)>? domains = null,
        IEnumerable<(string Category, string Url)>? urls = null,
        IEnumerable<(string Category, string Expression)>? expressions = null,
        string name = "lists")
    {
        var b = new CategoryMatcherBuilder(name);
        foreach (var g in (domains ?? []).GroupBy(d => d.Category)) b.AddDomains(g.Key, g.Select(d => d.Domain), g.Key + "/domains");
        foreach (var g in (urls ?? []).GroupBy(d => d.Category)) b.AddUrls(g.Key, g.Select(d => d.Url), g.Key + "/urls");
        foreach (var g in (expressions ?? []).GroupBy(d => d.Category)) b.AddExpressions(g.Key, g.Select(d => d.Expression), g.Key + "/expressions");
        return b.Build();
    }

    public static IReadOnlyList<string> Match(this CategoryMatcher m, string url, string? method = null) =>
        m.Match(UrlNormalizer.Parse(url, method));
}
