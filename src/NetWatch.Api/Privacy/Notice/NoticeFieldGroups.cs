using NetWatch.Core.Ecs;

namespace NetWatch.Api.Privacy.Notice;

/// <summary>
/// What is recorded, in words: every stored field of the ECS catalogue (<see cref="EcsFieldCatalog"/>) falls in the first
/// group one of whose prefixes it starts with, so a field added to the catalogue appears in the notice (in "other
/// technical details" until a group names it).
/// </summary>
public static class NoticeFieldGroups
{
    public sealed record Group(string Title, string What, IReadOnlyList<string> Prefixes);

    public static readonly IReadOnlyList<Group> Groups =
    [
        new("Who", "the login used, or the person the device's address was attributed to at that moment, their role and group, and how sure that attribution is",
            ["user.", "source.user.", "netwatch.attribution."]),
        new("When", "the time of each request, its start, end and duration", ["@timestamp", "event.start", "event.end", "event.duration"]),
        new("What was asked for", "the full web address (with any search words in it), the site, the page, the request method, whether it was allowed or blocked, the answer's status and size, the page it was linked from, the browser, and the names looked up in the DNS",
            ["url.", "netwatch.url.", "http.", "user_agent.", "dns.", "event.action"]),
        new("From where", "the device's network address, ports and bytes sent and received, the computer's name", ["source.", "destination.", "network.", "host."]),
        new("How it was classified", "the site's categories and the search engine and terms", ["netwatch.categories", "netwatch.search."]),
        new("Safeguarding", "the safeguarding theme and severity of a search or page, and the phrase or evidence that matched", ["netwatch.safeguarding."]),
        new("Against the policy", "the policy's verdict on the request, the rule and the clause it applied", ["netwatch.policy."]),
        new("Findings", "findings such as a login used on two computers at once or an unknown device", ["netwatch.finding"]),
        new("School", "the school the request belongs to", ["organization."]),
    ];

    public const string OtherTitle = "Other technical details";
    public const string OtherWhat = "which log and line each record came from, the device that logged it, and its own codes";

    /// <summary>Each group with the stored fields it holds, in catalogue order; the other fields last.</summary>
    public static IReadOnlyList<(string Title, string What, IReadOnlyList<string> Fields)> Of(IEnumerable<EcsField> fields)
    {
        var names = fields.Where(f => f.IsStored).Select(f => f.Name).Distinct().ToList();
        var byGroup = Groups.ToDictionary(g => g.Title, _ => new List<string>());
        var other = new List<string>();
        foreach (var name in names)
        {
            var group = Groups.FirstOrDefault(g => g.Prefixes.Any(p => name == p || (p.EndsWith('.') && name.StartsWith(p, StringComparison.Ordinal))
                || (!p.EndsWith('.') && name.StartsWith(p + ".", StringComparison.Ordinal))));
            (group is null ? other : byGroup[group.Title]).Add(name);
        }
        var result = Groups.Where(g => byGroup[g.Title].Count > 0).Select(g => (g.Title, g.What, (IReadOnlyList<string>)byGroup[g.Title])).ToList();
        if (other.Count > 0) result.Add((OtherTitle, OtherWhat, other));
        return result;
    }
}
